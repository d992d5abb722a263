import "server-only";
import { and, inArray, isNull } from "drizzle-orm";
import { appClock } from "@/lib/app-clock";
import { getServices } from "@/lib/app-services";
import { startBulkRunner } from "@/lib/bulk/runner";
import { startSweeper } from "@/lib/chatrooms/sweeper";
import { getDatabase } from "@/lib/db";
import type { Db } from "@/lib/db/client";
import { apiKeys } from "@/lib/db/schema";
import { databaseTarget, describeTarget } from "@/lib/db/target";
import { startConsoleCredential } from "@/lib/dashboard/session/console-credential";
import { verifyCredentials } from "@/lib/dashboard/store";
import { demoApiKeys, demoSignIns, isEmpty, seedDemo } from "@/lib/demo/seed";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { hashToken } from "@/lib/secrets";
import { configuredTargetPolicy } from "@/lib/webhooks/targets";
import { startDeliveryWorker } from "@/lib/webhooks/worker";

/** The demo's sign-ins and API keys that this database accepts. */
async function workingDemoCredentials(db: Db) {
  const signIns = [];
  for (const signIn of demoSignIns) if (await verifyCredentials(db, signIn.email, signIn.password)) signIns.push(signIn);
  const live = await db
    .select({ tokenHash: apiKeys.tokenHash })
    .from(apiKeys)
    .where(and(inArray(apiKeys.tokenHash, demoApiKeys.map((key) => hashToken(key.token))), isNull(apiKeys.revokedAt)));
  const hashes = new Set(live.map((key) => key.tokenHash));
  return { signIns, apiKeys: demoApiKeys.filter((key) => hashes.has(hashToken(key.token))) };
}

/** Runs once when the server process starts: validate the environment, open and migrate, seed the demo. */
export async function startServer(): Promise<void> {
  try {
    const config = env();
    const { db } = await getDatabase();
    if (config.TEST_CLOCK) {
      log("warn", "TEST_CLOCK=1: the clock can be moved through /__test__/clock. Never run production like this.");
    }
    if (!config.WHATSAPP_APP_SECRET) {
      log("warn", "WHATSAPP_APP_SECRET is not set: the WhatsApp webhook refuses every delivery (401).");
    }
    let seeded = false;
    if (config.PROVISION_DEMO_WHEN_EMPTY && (await isEmpty(db))) {
      await seedDemo(db, appClock());
      seeded = true;
    }
    // In-process sweeper (R4); with PGlite the only one possible, since no other process may open the directory.
    if (config.SWEEP_INTERVAL_MS > 0) {
      startSweeper(getServices, {
        intervalMs: config.SWEEP_INTERVAL_MS,
        conflictRetentionDays: config.CONFLICT_RETENTION_DAYS,
        eventRetentionDays: config.EVENT_RETENTION_DAYS,
      });
    }
    // Webhooks: deliveries claimed with SKIP LOCKED, so every instance may run a worker.
    if (config.WEBHOOK_WORKER_INTERVAL_MS > 0) {
      startDeliveryWorker(getServices, { intervalMs: config.WEBHOOK_WORKER_INTERVAL_MS, policy: configuredTargetPolicy() });
    }
    // Bulk jobs: claimed with SKIP LOCKED, so every instance runs one, and a job a stopped one left resumes.
    if (config.BULK_RUNNER_INTERVAL_MS > 0) {
      startBulkRunner(getServices, {
        intervalMs: config.BULK_RUNNER_INTERVAL_MS,
        batchSize: config.BULK_BATCH_SIZE,
        pauseMs: config.BULK_BATCH_PAUSE_MS,
      });
    }
    if (config.WEBHOOK_ALLOW_PRIVATE_TARGETS) log("warn", "WEBHOOK_ALLOW_PRIVATE_TARGETS=1: webhooks may point at loopback and private addresses.");
    // The dashboard's API client: a console key of this instance's own when no token is configured (never logged).
    if (!config.SWITCHBOARD_API_TOKEN) await startConsoleCredential();
    if (!config.NEXTAUTH_SECRET) {
      log("warn", "NEXTAUTH_SECRET is unset: using a random session secret; sign-ins end when the server restarts.");
    }
    const lines = [
      "",
      `Switchboard is ready on http://localhost:${config.PORT}`,
      `Database: ${describeTarget(databaseTarget(config))}${seeded ? " (demo data loaded)" : ""}`,
    ];
    if (config.PROVISION_DEMO_WHEN_EMPTY) {
      // Only what works on this database: one that held other orgs before has none of the demo's.
      const { signIns, apiKeys } = await workingDemoCredentials(db);
      if (signIns.length > 0) lines.push("Demo sign-ins:", ...signIns.map((s) => `  ${s.email.padEnd(22)} ${s.password.padEnd(20)} ${s.who}`));
      if (apiKeys.length > 0) lines.push("Demo API keys:", ...apiKeys.map((k) => `  ${k.token}  (${k.user ?? k.partner})`));
    }
    console.log(lines.join("\n") + "\n");
  } catch (error) {
    if (error instanceof Error && (error as { userFacing?: boolean }).userFacing) {
      console.error(`error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

const startKey = Symbol.for("switchboard.serverStart");
type StartHolder = { [startKey]?: Promise<void> };

/**
 * The start-up of this process, run once whichever bundle asks first: the front server (scripts/start.mjs,
 * through the API bundle) before it listens, so that no request is answered before migrations and the seed;
 * or Next's instrumentation hook (`next dev`, and a no-op wait under `npm start`). Both share globalThis.
 */
export function startServerOnce(): Promise<void> {
  const holder = globalThis as StartHolder;
  holder[startKey] ??= startServer();
  return holder[startKey];
}

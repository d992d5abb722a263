import "server-only";
import { appClock } from "@/lib/app-clock";
import { getServices } from "@/lib/app-services";
import { startSweeper } from "@/lib/chatrooms/sweeper";
import { getDatabase } from "@/lib/db";
import { databaseTarget, describeTarget } from "@/lib/db/target";
import { issueConsoleKey } from "@/lib/dashboard/store";
import { setConsoleToken } from "@/lib/dashboard/session/runtime-secrets";
import { demoApiKeys, demoSignIns, isEmpty, seedDemo } from "@/lib/demo/seed";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { configuredTargetPolicy } from "@/lib/webhooks/targets";
import { startDeliveryWorker } from "@/lib/webhooks/worker";

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
    if (config.SWEEP_INTERVAL_MS > 0) startSweeper(getServices, config.SWEEP_INTERVAL_MS, { eventRetentionDays: config.EVENT_RETENTION_DAYS });
    // Webhooks: deliveries claimed with SKIP LOCKED, so every instance may run a worker.
    if (config.WEBHOOK_WORKER_INTERVAL_MS > 0) {
      startDeliveryWorker(getServices, { intervalMs: config.WEBHOOK_WORKER_INTERVAL_MS, policy: configuredTargetPolicy() });
    }
    if (config.WEBHOOK_ALLOW_PRIVATE_TARGETS) log("warn", "WEBHOOK_ALLOW_PRIVATE_TARGETS=1: webhooks may point at loopback and private addresses.");
    // The dashboard's API client: a console key of its own when no token is configured (never logged).
    if (!config.SWITCHBOARD_API_TOKEN) setConsoleToken(await issueConsoleKey(db, appClock().now()));
    if (!config.NEXTAUTH_SECRET) {
      log("warn", "NEXTAUTH_SECRET is unset: using a random session secret; sign-ins end when the server restarts.");
    }
    const lines = [
      "",
      `Switchboard is ready on http://localhost:${config.PORT}`,
      `Database: ${describeTarget(databaseTarget(config))}${seeded ? " (demo data loaded)" : ""}`,
    ];
    if (config.PROVISION_DEMO_WHEN_EMPTY) {
      lines.push("Demo sign-ins:", ...demoSignIns.map((s) => `  ${s.email.padEnd(22)} ${s.password.padEnd(20)} ${s.who}`));
      lines.push("Demo API keys:", ...demoApiKeys.map((k) => `  ${k.token}  (${k.user ?? k.partner})`));
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

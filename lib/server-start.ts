import "server-only";
import { appClock } from "@/lib/app-clock";
import { getServices } from "@/lib/app-services";
import { startSweeper } from "@/lib/chatrooms/sweeper";
import { getDatabase } from "@/lib/db";
import { databaseTarget, describeTarget } from "@/lib/db/target";
import { startConsoleCredential } from "@/lib/dashboard/session/console-credential";
import { demoApiKeys, demoSignIns, isEmpty, seedDemo } from "@/lib/demo/seed";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

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
      startSweeper(getServices, { intervalMs: config.SWEEP_INTERVAL_MS, conflictRetentionDays: config.CONFLICT_RETENTION_DAYS });
    }
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

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3217);

/**
 * On the embedded database every run gets a data directory of its own, made by the runner's main process and
 * removed when it exits; workers load this file too and find it in the environment they inherit.
 */
if (!process.env.DATABASE_URL && !process.env.E2E_PGLITE_DIR) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-e2e-"));
  process.env.E2E_PGLITE_DIR = path.join(dir, "pglite");
  process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
}
/**
 * `npm test` runs the browser tests on PGlite, then again on PostgreSQL with E2E_DATABASE_SPECS_ONLY set:
 * there only the specs whose paths reach the database in ways that differ between the two (the chatroom
 * flows, sessions and their revocation, the event stream and its relay, several instances, exports and
 * webhook deliveries). The rest (pages' looks, keyboard, headers, static files) reads nothing of the
 * database that the API tests do not already run on both.
 */
const databaseSpecs = ["smoke", "dashboard", "events", "instances", "live", "hardening", "export", "log-exports", "webhooks", "bulk"];

export const E2E_SESSION_SECRET = "e2e-session-secret-4f1d0c9a7b2e8d6c5a3b1f0e9d8c7b6a";

export default defineConfig({
  testDir: "./e2e",
  testMatch: process.env.E2E_DATABASE_SPECS_ONLY ? databaseSpecs.map((name) => `**/${name}.spec.ts`) : "**/*.spec.ts",
  outputDir: "./test-results",
  // A page with axe and a full-page screenshot can take longer than 30 s on a busy 2-core machine.
  timeout: 60_000,
  // On CI, Vitest under Node 24 runs beside the browser tests: a page can take more than the default 5 s to
  // show what a test waits for.
  expect: { timeout: 10_000 },
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    // The production start path (plain Node, the server in front of Next), as `npm start` runs it.
    command: "node scripts/start.mjs",
    url: `http://127.0.0.1:${port}/readyz`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      TEST_CLOCK: "1",
      PROVISION_DEMO_WHEN_EMPTY: "1",
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "warn",
      // The tests move the clock; a sweeper of the server's own would close rooms behind their back.
      SWEEP_INTERVAL_MS: "0",
      // One chatroom per batch and 100 ms between batches, so that e2e/bulk.spec.ts can cancel a job while it
      // runs, however fast the machine.
      BULK_BATCH_SIZE: "1",
      BULK_BATCH_PAUSE_MS: "100",
      // e2e/webhooks.spec.ts points webhooks at a receiver of its own on loopback.
      WEBHOOK_ALLOW_PRIVATE_TARGETS: "1",
      ...(process.env.E2E_PGLITE_DIR ? { PGLITE_DIR: process.env.E2E_PGLITE_DIR } : {}),
      // The dashboard's API client calls this server's own API on this port.
      PORT: String(port),
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      // Known here only so that e2e/secrets.spec.ts can check that no page or bundle ever contains it.
      NEXTAUTH_SECRET: E2E_SESSION_SECRET,
    },
  },
});

import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { DatabaseLockedError, liveLockHolder, lockPathFor } from "../lib/db/pglite-lock.ts";
import { env } from "../lib/env.ts";
import { runCommand } from "./cli.mts";

/**
 * `npm start`: builds when there is no build, then serves. The server itself migrates, loads the demo
 * data into an empty database and prints the URL and the demo sign-ins (lib/server-start.ts).
 */
await runCommand(async () => {
  const config = env();
  if (!config.DATABASE_URL) {
    const holder = liveLockHolder(config.PGLITE_DIR);
    if (holder !== undefined) throw new DatabaseLockedError(lockPathFor(config.PGLITE_DIR), holder);
  }
  const childEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    PROVISION_DEMO_WHEN_EMPTY: process.env.PROVISION_DEMO_WHEN_EMPTY ?? "1",
  };
  const next = path.join("node_modules", ".bin", "next");
  if (!fs.existsSync(path.join(".next", "BUILD_ID"))) {
    console.log("No build found: building the app once (about a minute)...");
    const build = spawnSync(next, ["build"], { stdio: "inherit", env: { ...childEnv, NODE_ENV: "production" } });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const server = spawn(next, ["start", "-p", String(config.PORT)], { stdio: "inherit", env: childEnv });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
});

import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CommandError, runCommand } from "./cli.mts";

/**
 * A production start, checked for real: the production dependencies only (`npm prune --omit=dev` of a copy
 * of the installed tree, so no tsx, TypeScript or any other dev package) in a scratch copy beside the build, then `npm start`'s entry point;
 * it must answer /readyz and an API call with the demo key. Run by `npm test` after its build step.
 */
const ADMIN_TOKEN = "demo-token-ada-admin-acme-0000000000";

await runCommand(async () => {
  if (!fs.existsSync(".next/BUILD_ID")) throw new CommandError("no production build: run `npm run build` first");
  const root = process.cwd();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-production-start-"));
  const port = Number(process.env.PRODUCTION_START_PORT ?? 3399);
  try {
    for (const file of ["package.json", "package-lock.json"]) fs.copyFileSync(path.join(root, file), path.join(scratch, file));
    // The installed tree, hard-linked (no second download or unpack), then pruned to the production
    // dependencies as the lockfile has them. npm rewrites its hidden lockfile, so that one is a real copy.
    const copy = spawnSync("cp", ["-al", path.join(root, "node_modules"), path.join(scratch, "node_modules")], { stdio: "inherit" });
    if (copy.status !== 0) throw new CommandError("could not copy node_modules");
    const hiddenLockfile = path.join(scratch, "node_modules", ".package-lock.json");
    fs.rmSync(hiddenLockfile, { force: true });
    const install = spawnSync("npm", ["prune", "--omit=dev", "--no-audit", "--no-fund"], { cwd: scratch, stdio: "inherit" });
    if (install.status !== 0) throw new CommandError("npm prune --omit=dev failed");
    for (const devOnly of ["tsx", "typescript", "drizzle-kit", "vitest"]) {
      if (fs.existsSync(path.join(scratch, "node_modules", devOnly))) throw new CommandError(`${devOnly} is left after npm prune --omit=dev`);
    }
    // What the build and the server read at run time; nothing is compiled here.
    for (const entry of [".next", "public", "next.config.ts", "lib/db/migrations", "scripts/start.mjs"]) {
      fs.mkdirSync(path.dirname(path.join(scratch, entry)), { recursive: true });
      fs.symlinkSync(path.join(root, entry), path.join(scratch, entry));
    }
    const server = spawn("npm", ["start"], {
      cwd: scratch,
      env: { ...process.env, DATABASE_URL: "", PGLITE_DIR: path.join(scratch, "pglite"), PORT: String(port), LOG_LEVEL: "warn", SWEEP_INTERVAL_MS: "0" },
      stdio: ["ignore", "inherit", "inherit"],
      detached: true,
    });
    try {
      const base = `http://127.0.0.1:${port}`;
      let ready = false;
      for (let waited = 0; waited < 120_000 && !ready && server.exitCode === null; waited += 500) {
        ready = await fetch(`${base}/readyz`).then((response) => response.ok, () => false);
        if (!ready) await new Promise((resolve) => setTimeout(resolve, 500));
      }
      if (!ready) throw new CommandError(`the production start did not become ready (exit code ${server.exitCode})`);
      const answer = await fetch(`${base}/v1/org/org_acme/config`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      if (answer.status !== 200) throw new CommandError(`the API answered ${answer.status} after a production start`);
      console.log("production start: npm prune --omit=dev, npm start, /readyz and the API answered");
    } finally {
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once("exit", resolve));
        process.kill(-server.pid!, "SIGTERM");
        await exited;
      }
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
});

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Ports beside Playwright's own server (E2E_PORT): E2E_PORT + 1, + 2, ... for the servers a test starts. */
export function extraPort(offset: number): number {
  return Number(process.env.E2E_PORT ?? 3217) + offset;
}

export interface AppServer {
  url: string;
  stop(): Promise<void>;
  /** kill -9: no shutdown of any kind, as a crash. */
  kill(): Promise<void>;
}

/** Loads a provisioning file into a database, as `npm run provision` does. */
export function provisionFile(data: unknown, env: Record<string, string>): void {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-e2e-provision-")), "file.json");
  fs.writeFileSync(file, JSON.stringify(data));
  const result = spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/provision.mts", file], { env: { ...process.env, ...env }, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`provisioning failed: ${result.stderr}`);
}

/** Another instance of the built app on loopback, started the way `npm start` starts it. */
export async function startAppServer(port: number, env: Record<string, string>): Promise<AppServer> {
  const child: ChildProcess = spawn("node", ["scripts/start.mjs"], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", LOG_LEVEL: "warn", PORT: String(port), NEXTAUTH_URL: `http://127.0.0.1:${port}`, ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => (stderr += String(chunk)));
  const url = `http://127.0.0.1:${port}`;
  for (let waited = 0; ; waited += 250) {
    if (child.exitCode !== null) throw new Error(`the server on ${port} exited: ${stderr}`);
    if (await fetch(`${url}/readyz`).then((response) => response.ok, () => false)) break;
    if (waited > 120_000) {
      // Not left running: it would hold its port and database for the runs after this one.
      child.kill("SIGTERM");
      throw new Error(`the server on ${port} did not become ready: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill(signal);
    await exited;
  };
  return { url, stop: () => end("SIGTERM"), kill: () => end("SIGKILL") };
}

// `npm start`: serves the production build with plain Node, nothing from devDependencies (no tsx, no
// TypeScript), so it runs after `npm ci --omit=dev`. It builds once first when there is no build and the
// build tools are installed. One HTTP server on one port: API paths go straight to their route handlers
// (.next/api-server.mjs, bundled by `npm run build` from the same app/**/route.ts files Next serves; see
// lib/api/router.ts), every other path to Next's request handler. It appends each socket's address to
// X-Forwarded-For, so the app always knows the peer it cannot otherwise see (lib/client-address.ts).
// On PostgreSQL it runs WEB_CONCURRENCY worker processes (node:cluster, default: one per core) that share
// the port; each is an instance of docs/scaling.md. The first one starts alone (it migrates and seeds);
// only it runs the sweeper and the webhook delivery worker. On PGlite there is one process, which owns the
// data directory. The environment is validated when the app starts in each worker (lib/env.ts), before it
// listens.
import { spawnSync } from "node:child_process";
import cluster from "node:cluster";
import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

process.env.NEXT_TELEMETRY_DISABLED ??= "1";
process.env.PROVISION_DEMO_WHEN_EMPTY ??= "1";
const port = Number(process.env.PORT || 3000);
const apiBundle = path.resolve(".next", "api-server.mjs");

function workerCount() {
  const raw = process.env.WEB_CONCURRENCY;
  const onPglite = !process.env.DATABASE_URL;
  // The test clock lives in a process's memory: a second worker would keep a clock of its own.
  const testClock = ["1", "true"].includes(String(process.env.TEST_CLOCK).toLowerCase());
  if (raw === undefined || raw === "") return onPglite || testClock ? 1 : os.availableParallelism();
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1 || count > 64) {
    console.error(`error: WEB_CONCURRENCY: must be a whole number from 1 to 64 (got '${raw}')`);
    process.exit(1);
  }
  if (onPglite && count > 1) {
    console.error(
      "error: WEB_CONCURRENCY: must be 1 on the embedded database (one process owns its directory); set DATABASE_URL for more",
    );
    process.exit(1);
  }
  if (testClock && count > 1) {
    console.error("error: WEB_CONCURRENCY: must be 1 with TEST_CLOCK=1 (each worker would have a clock of its own)");
    process.exit(1);
  }
  return count;
}

async function serve() {
  process.env.NODE_ENV = "production";
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: process.cwd(), port });
  const handleNext = app.getRequestHandler();
  await app.prepare();
  const { handleApi, startServerOnce } = await import(pathToFileURL(apiBundle).href);
  // Environment checked, database opened and migrated, demo seeded, before anything is answered
  // (instrumentation.ts then finds it done: lib/server-start.ts).
  await startServerOnce();
  const server = http.createServer((request, response) => {
    const peer = request.socket.remoteAddress ?? "unknown";
    const forwarded = request.headers["x-forwarded-for"];
    request.headers["x-forwarded-for"] = forwarded ? `${[forwarded].flat().join(", ")}, ${peer}` : peer;
    if (!handleApi(request, response)) handleNext(request, response);
  });
  // Idle connections are kept 65 s, longer than a load balancer's usual 60 s: with Node's 5 s, a client that
  // reused a connection just as the server closed it got ECONNRESET (seen in the browser tests' API calls).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.listen(port, () => process.send?.("listening"));
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      server.close(() => process.exit(0));
      setTimeout(() => process.exit(0), 5_000).unref();
    });
  }
}

if (cluster.isWorker) {
  await serve();
} else {
  const workers = workerCount();
  if (!fs.existsSync(path.join(".next", "BUILD_ID")) || !fs.existsSync(apiBundle)) {
    try {
      createRequire(import.meta.url).resolve("typescript");
    } catch {
      console.error(
        "error: no build found. Build first where the dev dependencies are installed: npm ci && npm run build",
      );
      process.exit(1);
    }
    console.log("No build found: building the app once (about a minute)...");
    const build = spawnSync("npm", ["run", "build"], {
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production" },
    });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  if (workers === 1) {
    await serve();
  } else {
    let stopping = false;
    let started = false;
    // Worker 0 alone runs the sweeper and the webhook delivery worker, and seeds; the others only serve.
    const fork = (index) => {
      const worker = cluster.fork(
        index === 0 ? {} : { SWEEP_INTERVAL_MS: "0", WEBHOOK_WORKER_INTERVAL_MS: "0", PROVISION_DEMO_WHEN_EMPTY: "0" },
      );
      worker.on("exit", (code, signal) => {
        if (stopping) return;
        // One that cannot start (a bad variable, an unreachable database) would fail the same way again.
        if (!started) process.exit(code || 1);
        console.error(`worker ${index} exited (${signal ?? code}); starting another`);
        setTimeout(() => fork(index), 1_000);
      });
      return worker;
    };
    // The first worker migrates and seeds before the others open the database.
    const first = fork(0);
    await new Promise((resolve) => first.on("message", (message) => message === "listening" && resolve()));
    started = true;
    for (let index = 1; index < workers; index++) fork(index);
    for (const signal of ["SIGINT", "SIGTERM"]) {
      process.on(signal, () => {
        stopping = true;
        for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
        setTimeout(() => process.exit(0), 6_000).unref();
        cluster.on("exit", () => Object.keys(cluster.workers ?? {}).length === 0 && process.exit(0));
      });
    }
  }
}

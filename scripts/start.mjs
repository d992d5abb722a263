// `npm start`: serves the production build with plain Node, nothing from devDependencies (no tsx, no
// TypeScript), so it runs after `npm ci --omit=dev`. It builds once first when there is no build and the
// build tools are installed. A small HTTP server in front of Next appends each socket's address to
// X-Forwarded-For, so the app always knows the peer it cannot otherwise see (lib/client-address.ts).
// The environment is validated when the app starts in this process (lib/env.ts), before it listens.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";

process.env.NEXT_TELEMETRY_DISABLED ??= "1";
process.env.PROVISION_DEMO_WHEN_EMPTY ??= "1";
const port = Number(process.env.PORT || 3000);

if (!fs.existsSync(path.join(".next", "BUILD_ID"))) {
  let nextBin;
  try {
    createRequire(import.meta.url).resolve("typescript");
    nextBin = path.join("node_modules", ".bin", "next");
  } catch {
    console.error("error: no build found. Build first where the dev dependencies are installed: npm ci && npm run build");
    process.exit(1);
  }
  console.log("No build found: building the app once (about a minute)...");
  const build = spawnSync(nextBin, ["build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

process.env.NODE_ENV = "production";
const { default: next } = await import("next");
const app = next({ dev: false, dir: process.cwd(), port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((request, response) => {
  const peer = request.socket.remoteAddress ?? "unknown";
  const forwarded = request.headers["x-forwarded-for"];
  request.headers["x-forwarded-for"] = forwarded ? `${[forwarded].flat().join(", ")}, ${peer}` : peer;
  handle(request, response);
});
server.listen(port);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}

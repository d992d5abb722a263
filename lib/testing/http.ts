import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { apiRequestListener } from "@/lib/api/node-listener";
import { findApiRouteFiles } from "@/lib/api/route-files";
import { createRouter, type RouteEntry } from "@/lib/api/router";

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the API's route handlers over real HTTP on a loopback port through the router and listener of the
 * production server (scripts/start.mjs), so that integration tests exercise the very path requests take.
 */
export async function startRouteServer(appDir = path.resolve("app")): Promise<TestServer> {
  const entries: RouteEntry[] = [];
  for (const { path: routePath, file } of findApiRouteFiles(appDir)) {
    entries.push({ path: routePath, module: (await import(file)) as Record<string, unknown> });
  }
  const api = apiRequestListener(createRouter(entries));
  const server = http.createServer((req, res) => {
    if (!api(req, res)) res.writeHead(404).end();
  });
  // Longer than the client's keep-alive (fetch keeps idle sockets 4 s): with Node's 5 s default, a busy machine
  // lets the server close a socket just as the client reuses it ("fetch failed").
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // A socket a client left open (an event stream, a keep-alive one) would hold the close for 60 s.
        server.closeAllConnections();
      }),
  };
}

import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Readable } from "node:stream";
import type { RouteHandler } from "@/lib/api/handler";

interface Route {
  segments: string[];
  module: Record<string, RouteHandler>;
}

/** Every `app/**\/route.ts` with its URL segments, as Next's file-system router reads them. */
function findRouteFiles(dir: string, prefix: string[] = []): { segments: string[]; file: string }[] {
  const found: { segments: string[]; file: string }[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      const name = decodeURIComponent(entry.name);
      if (entry.name.startsWith("_") || entry.name.startsWith("(")) continue;
      found.push(...findRouteFiles(path.join(dir, entry.name), [...prefix, name]));
    } else if (entry.name === "route.ts") {
      found.push({ segments: prefix, file: path.join(dir, entry.name) });
    }
  }
  return found;
}

const rank = (segment: string) => (segment.startsWith("[...") ? 2 : segment.startsWith("[") ? 1 : 0);

function match(route: Route, parts: string[]): Record<string, string | string[]> | undefined {
  const params: Record<string, string | string[]> = {};
  for (let i = 0; i < route.segments.length; i++) {
    const segment = route.segments[i]!;
    if (segment.startsWith("[...")) {
      if (i >= parts.length) return undefined;
      params[segment.slice(4, -1)] = parts.slice(i);
      return params;
    }
    const part = parts[i];
    if (part === undefined) return undefined;
    if (segment.startsWith("[")) params[segment.slice(1, -1)] = decodeURIComponent(part);
    else if (segment !== part) return undefined;
  }
  return parts.length === route.segments.length ? params : undefined;
}

/** Compares routes as Next does: static segments before dynamic ones before catch-alls. */
function bySpecificity(a: Route, b: Route): number {
  for (let i = 0; i < Math.max(a.segments.length, b.segments.length); i++) {
    const sa = a.segments[i];
    const sb = b.segments[i];
    if (sa === undefined) return -1;
    if (sb === undefined) return 1;
    const diff = rank(sa) - rank(sb);
    if (diff !== 0) return diff;
  }
  return 0;
}

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the app's route handlers over real HTTP on a loopback port, routed from the `app/` tree the way
 * Next routes them, so that integration tests exercise the very handlers Next serves.
 */
export async function startRouteServer(appDir = path.resolve("app")): Promise<TestServer> {
  const routes: Route[] = [];
  for (const { segments, file } of findRouteFiles(appDir)) {
    routes.push({ segments, module: (await import(file)) as Record<string, RouteHandler> });
  }
  routes.sort(bySpecificity);

  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
      const parts = url.pathname.split("/").filter(Boolean);
      let found: { route: Route; params: Record<string, string | string[]> } | undefined;
      for (const route of routes) {
        const params = match(route, parts);
        if (params) {
          found = { route, params };
          break;
        }
      }
      const handler = found?.route.module[req.method ?? "GET"];
      if (!found || !handler) {
        res.writeHead(404).end();
        return;
      }
      const hasBody = req.method !== "GET" && req.method !== "HEAD";
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === "string") headers.set(name, value);
        else if (Array.isArray(value)) headers.set(name, value.join(", "));
      }
      // As in Next, the request's signal aborts when the client goes away.
      const disconnected = new AbortController();
      res.on("close", () => disconnected.abort());
      const request = new Request(url, {
        method: req.method,
        headers,
        body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
        duplex: "half",
        signal: disconnected.signal,
      } as RequestInit);
      const response = await handler(request, { params: Promise.resolve(found.params) });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (!response.body) {
        res.end();
        return;
      }
      // Streamed as it comes, so that Server-Sent Events arrive one by one.
      const body = Readable.fromWeb(response.body as import("node:stream/web").ReadableStream<Uint8Array>);
      res.on("close", () => body.destroy());
      body.pipe(res);
    } catch (error) {
      res.writeHead(599).end(String(error));
    }
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

import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRequestListener } from "./node-listener";
import { createRouter } from "./router";

describe("the API's Node listener", () => {
  const signals: AbortSignal[] = [];
  let server: http.Server;
  let base: string;
  const router = createRouter([
    {
      path: "whole",
      module: {
        GET: async (request: Request) => {
          signals.push(request.signal);
          return Response.json({ ok: true });
        },
      },
    },
    {
      path: "hangs",
      module: {
        // Answers only once the client has gone: as a stream with nothing to send does.
        GET: (request: Request) => {
          signals.push(request.signal);
          return new Promise<Response>((resolve) =>
            request.signal.addEventListener("abort", () => resolve(new Response(null, { status: 499 }))),
          );
        },
      },
    },
  ]);

  beforeAll(async () => {
    const listener = apiRequestListener(router);
    server = http.createServer((req, res) => {
      if (!listener(req, res)) res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("aborts a request's signal when its client goes away before the answer, and not after a whole answer", async () => {
    const whole = await fetch(`${base}/whole`, { headers: { connection: "close" } });
    expect(await whole.json()).toEqual({ ok: true });
    // The server's side of the connection has closed once the client sees its end.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(signals[0]!.aborted).toBe(false);

    const client = new AbortController();
    const pending = fetch(`${base}/hangs`, { signal: client.signal }).catch((error: unknown) => error);
    await expect.poll(() => signals.length).toBe(2);
    client.abort();
    await pending;
    await expect.poll(() => signals[1]!.aborted).toBe(true);
  });
});

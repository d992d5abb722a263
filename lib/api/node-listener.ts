import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { ApiError } from "@/lib/errors";
import { SECURITY_HEADERS } from "@/lib/security-headers";
import { answerRequest } from "./handler";
import type { RouteMatch, Router } from "./router";

function toRequest(req: IncomingMessage, res: ServerResponse): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) headers.set(name, value.join(", "));
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  // As in Next, the request's signal aborts when the client goes away (Server-Sent Events stop on it). Not
  // after a whole answer: an abort builds a DOMException with its stack, for nobody, on every request.
  const disconnected = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) disconnected.abort();
  });
  return new Request(`http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
    duplex: "half",
    signal: disconnected.signal,
  } as RequestInit);
}

async function send(res: ServerResponse, response: Response, head: boolean): Promise<void> {
  const headers: Record<string, string | string[]> = { ...SECURITY_HEADERS };
  for (const [name, value] of response.headers) if (name !== "set-cookie") headers[name] = value;
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  if (!response.body || head) {
    res.writeHead(response.status, headers).end();
    return;
  }
  if (response.headers.get("content-type")?.startsWith("text/event-stream")) {
    // Streamed as it comes, so that Server-Sent Events arrive one by one.
    res.writeHead(response.status, headers);
    const body = Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>);
    res.on("close", () => body.destroy());
    body.pipe(res);
    return;
  }
  // A JSON answer is small: one write with its length, no chunked encoding.
  const bytes = Buffer.from(await response.arrayBuffer());
  headers["content-length"] = String(bytes.length);
  res.writeHead(response.status, headers).end(bytes);
}

async function answer(found: RouteMatch | ApiError, request: Request): Promise<Response> {
  return found instanceof ApiError
    ? answerRequest(request, async () => {
        throw found;
      })
    : found.handler(request, { params: Promise.resolve(found.params) });
}

/** The API as a `fetch`-shaped function, for the dashboard's client in the same process (lib/in-process-api.ts). */
export function routerFetch(router: Router): (request: Request) => Promise<Response> {
  return (request) => {
    const { pathname } = new URL(request.url);
    return answer(
      router(request.method, pathname) ??
        new ApiError("NOT_FOUND", { kind: "route", path: pathname }, "No endpoint has this path."),
      request,
    );
  };
}

/**
 * The API's side of the HTTP server (scripts/start.mjs, and the tests' lib/testing/http.ts): answers a
 * request that an API route serves, straight from its route handler, and returns false for any other,
 * which the caller hands to Next.
 */
export function apiRequestListener(router: Router): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const url = req.url ?? "/";
    const query = url.indexOf("?");
    const found = router(req.method ?? "GET", query < 0 ? url : url.slice(0, query));
    if (!found) return false;
    answer(found, toRequest(req, res))
      .then((response) => send(res, response, req.method === "HEAD"))
      .catch((error: unknown) => {
        // The handlers answer their own errors; this is a failure to write the answer (the client went away).
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy(error instanceof Error ? error : undefined);
      });
    return true;
  };
}

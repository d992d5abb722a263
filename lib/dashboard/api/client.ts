import "server-only";
import type { z } from "zod";
import type { endpoints } from "@/lib/api/endpoints";
import { endpointPaths } from "@/lib/endpoint-paths";
import { env } from "@/lib/env";
import { inProcessApi } from "@/lib/in-process-api";
import type { Person } from "@/lib/dashboard/session/access";
import { responseSchemas } from "@/lib/dashboard/api/schemas";
import { refreshConsoleCredential } from "@/lib/dashboard/session/console-credential";
import { apiToken } from "@/lib/dashboard/session/runtime-secrets";

/**
 * The dashboard's only way to read and change chatrooms: the chatroom API (over HTTP, or in-process when
 * this server serves it), with the console key
 * (or SWITCHBOARD_API_TOKEN) and `X-On-Behalf-Of` naming the person. It never touches the database or the
 * domain core, so the dashboard works the same against any server of the upstream contract. Paths come
 * from the endpoint catalog's path table, and request types from the API's own zod schemas (`z.input`).
 */

export interface ApiFailure {
  status: number;
  /** The API's error_message (e.g. CHATROOM_EXISTS_FOR_PHONE), or UNREACHABLE / BAD_RESPONSE of our own. */
  name: string;
  description: string;
  payload: Record<string, unknown>;
  /** The server has no such endpoint: an extension of ours that an upstream server lacks. */
  missing: boolean;
}

const TIMEOUT_MS = 15_000;

type Catalog = typeof endpoints;
type ClientEndpoint = keyof typeof responseSchemas;

/** `{orgId}` and `{chatroomId}` of a path template, as an object type. */
type PathParams<P extends string> = P extends `${string}{${infer Name}}${infer Rest}` ? { [K in Name]: string } & PathParams<Rest> : unknown;

type InputOf<S> = S extends z.ZodType ? z.input<S> : never;

export type RequestInput<N extends ClientEndpoint> = {
  params: PathParams<(typeof endpointPaths)[N]["path"]>;
  note?: string;
} & (Catalog[N] extends { query: z.ZodType } ? { query?: InputOf<Catalog[N]["query"]> } : unknown) &
  (Catalog[N] extends { body: z.ZodType } ? { body: InputOf<Catalog[N]["body"]> } : unknown);

export type ApiResult<T> = { ok: true; data: T; requestId: string | null } | { ok: false; error: ApiFailure; requestId: string | null };

function baseUrl(): string {
  const config = env();
  return (config.SWITCHBOARD_API_URL ?? `http://127.0.0.1:${config.PORT}`).replace(/\/$/, "");
}

/** This server's own API is called in-process when it serves one (no loopback socket); any other over HTTP. */
function apiFetch(url: URL, init: RequestInit): Promise<Response> {
  const local = env().SWITCHBOARD_API_URL ? undefined : inProcessApi();
  return local ? local(new Request(url, init)) : fetch(url, init);
}

function failure(status: number, name: string, description: string, payload: Record<string, unknown> = {}, missing = false): ApiFailure {
  return { status, name, description, payload, missing };
}

function pathOf(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ""));
}

/** Said to a person when the API refuses the dashboard's own credential (not theirs). */
const CREDENTIAL_REFUSED =
  "The chatroom API refused this dashboard's credential, so nothing can be shown or changed just now. " +
  "It is not your sign-in: ask whoever runs Switchboard to check the dashboard's API token.";

async function call<N extends ClientEndpoint>(person: Person, name: N, input: RequestInput<N>): Promise<ApiResult<z.output<(typeof responseSchemas)[N]>>> {
  const { method, path } = endpointPaths[name];
  const { params, note, query, body } = input as { params: Record<string, string>; note?: string; query?: Record<string, unknown>; body?: unknown };
  const url = new URL(baseUrl() + pathOf(path, params));
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== "") url.searchParams.set(key, String(value));
  }
  let sentWith: string | undefined;
  const send = async (): Promise<Response | ApiFailure> => {
    const token = apiToken();
    sentWith = token;
    if (!token) return failure(503, "NOT_CONFIGURED", "The dashboard has no API token yet; the server is still starting.");
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      accept: "application/json",
      "x-on-behalf-of": person.accountId,
    };
    if (note) headers["x-audit-note"] = note;
    if (body !== undefined) headers["content-type"] = "application/json";
    try {
      return await apiFetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: "no-store",
        redirect: "error",
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch {
      return failure(503, "UNREACHABLE", "The chatroom API did not answer; try again in a moment.");
    }
  };
  let response = await send();
  // The instance's console key lapsed or was revoked: it is replaced (or another request of this moment
  // already replaced it), and the request tried once more with the new one.
  if (response instanceof Response && response.status === 401 && (apiToken() !== sentWith || (await refreshConsoleCredential()))) {
    await response.body?.cancel();
    response = await send();
  }
  if (!(response instanceof Response)) return { ok: false, requestId: null, error: response };
  if (response.status === 401) {
    await response.body?.cancel();
    return { ok: false, requestId: response.headers.get("x-request-id"), error: failure(401, "CREDENTIAL_REFUSED", CREDENTIAL_REFUSED) };
  }
  const requestId = response.headers.get("x-request-id");
  const text = await response.text();
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const answer = (json ?? {}) as { error_message?: unknown; error_description?: unknown; payload?: unknown };
    const payload = answer.payload && typeof answer.payload === "object" ? (answer.payload as Record<string, unknown>) : {};
    // Our servers answer an unknown path with kind "route"; another server may answer 404 or 405 in its own way.
    const missing =
      (response.status === 404 && (payload.kind === "route" || typeof answer.error_message !== "string")) ||
      (response.status === 405 && typeof answer.error_message !== "string");
    return {
      ok: false,
      requestId,
      error: failure(
        response.status,
        typeof answer.error_message === "string" ? answer.error_message : `HTTP_${response.status}`,
        typeof answer.error_description === "string" ? answer.error_description : `The chatroom API answered ${response.status}.`,
        payload,
        missing,
      ),
    };
  }
  const parsed = responseSchemas[name].safeParse(json);
  if (!parsed.success) {
    return { ok: false, requestId, error: failure(502, "BAD_RESPONSE", "The chatroom API answered in a shape the dashboard does not understand.") };
  }
  return { ok: true, requestId, data: parsed.data as z.output<(typeof responseSchemas)[N]> };
}

/** The API as the person sees it: every call carries their account id, so the API applies their rights. */
export function apiFor(person: Person) {
  return <N extends ClientEndpoint>(name: N, input: RequestInput<N>) => call(person, name, input);
}

const STREAM_HEADERS = { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" };
const EVENT_ID = /^[0-9a-f]{32}$/;

/**
 * Relays the org's event stream (GET .../events/stream) to the signed-in person: the server holds the
 * token and names the person, so the API applies that person's visibility and the browser never sees the
 * key. A reconnecting EventSource's Last-Event-ID (or `after`) is passed on, so nothing is lost across drops.
 * An API without the stream answers 404 `{ state: "missing" }`; one that fails, `{ state: "error" }`.
 */
export async function relayEventStream(
  person: Person,
  orgId: string,
  options: { lastEventId: string | null; after: string | null; types: string | null; signal: AbortSignal },
): Promise<Response> {
  const token = apiToken();
  const noStore = { "cache-control": "no-store" };
  if (!token) return Response.json({ state: "error" }, { status: 503, headers: noStore });
  const url = new URL(baseUrl() + pathOf(endpointPaths.streamEvents.path, { orgId }));
  if (options.after && EVENT_ID.test(options.after)) url.searchParams.set("after", options.after);
  if (options.types && /^[a-z._,]{1,512}$/.test(options.types)) url.searchParams.set("types", options.types);
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: "text/event-stream", "x-on-behalf-of": person.accountId };
  if (options.lastEventId && EVENT_ID.test(options.lastEventId.trim())) headers["last-event-id"] = options.lastEventId.trim();

  const upstream = new AbortController();
  options.signal.addEventListener("abort", () => upstream.abort(), { once: true });
  const connecting = setTimeout(() => upstream.abort(), TIMEOUT_MS);
  let response: Response;
  try {
    response = await apiFetch(url, { headers, cache: "no-store", redirect: "error", signal: upstream.signal });
  } catch {
    return Response.json({ state: "error" }, { status: 503, headers: noStore });
  } finally {
    clearTimeout(connecting);
  }
  const isStream = response.headers.get("content-type")?.startsWith("text/event-stream") === true;
  if (!response.ok || !response.body || !isStream) {
    await response.body?.cancel();
    const missing = response.status === 404 || response.status === 405 || (response.ok && !isStream);
    return Response.json({ state: missing ? "missing" : "error" }, { status: missing ? 404 : 502, headers: noStore });
  }
  return new Response(response.body, { status: 200, headers: STREAM_HEADERS });
}

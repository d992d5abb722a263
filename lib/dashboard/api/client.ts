import "server-only";
import type { z } from "zod";
import { env } from "@/lib/env";
import type { Person } from "@/lib/dashboard/session/access";
import {
  auditPageSchema,
  chatroomDetailSchema,
  chatroomObjectSchema,
  chatroomPageSchema,
  conflictLogPageSchema,
  contactPageSchema,
  groupListSchema,
  messagePageSchema,
  orgConfigSchema,
  orgListSchema,
  userListSchema,
  wabaListSchema,
} from "@/lib/dashboard/api/schemas";
import { refreshConsoleCredential } from "@/lib/dashboard/session/console-credential";
import { apiToken } from "@/lib/dashboard/session/runtime-secrets";

/**
 * The dashboard's only way to read and change chatrooms: the chatroom API over HTTP, with the console key
 * (or SWITCHBOARD_API_TOKEN) and `X-On-Behalf-Of` naming the person. It never touches the database or the
 * domain core, so the dashboard works the same against any server of the upstream contract.
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

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiFailure };

const TIMEOUT_MS = 15_000;

function baseUrl(): string {
  const config = env();
  return (config.SWITCHBOARD_API_URL ?? `http://127.0.0.1:${config.PORT}`).replace(/\/$/, "");
}

function failure(status: number, name: string, description: string, payload: Record<string, unknown> = {}, missing = false): ApiFailure {
  return { status, name, description, payload, missing };
}

interface RequestOptions {
  method?: "GET" | "POST" | "PUT";
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  note?: string;
}

/** Said to a person when the API refuses the dashboard's own credential (not theirs). */
const CREDENTIAL_REFUSED =
  "The chatroom API refused this dashboard's credential, so nothing can be shown or changed just now. " +
  "It is not your sign-in: ask whoever runs Switchboard to check the dashboard's API token.";

async function call<S extends z.ZodType>(person: Person, path: string, schema: S, options: RequestOptions = {}): Promise<ApiResult<z.output<S>>> {
  const url = new URL(baseUrl() + path);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined && value !== "") url.searchParams.set(key, String(value));
  }
  const send = async (): Promise<Response | ApiFailure> => {
    const token = apiToken();
    if (!token) return failure(503, "NOT_CONFIGURED", "The dashboard has no API token yet; the server is still starting.");
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      accept: "application/json",
      "x-on-behalf-of": person.accountId,
    };
    if (options.note) headers["x-audit-note"] = options.note;
    if (options.body !== undefined) headers["content-type"] = "application/json";
    try {
      return await fetch(url, {
        method: options.method ?? "GET",
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        cache: "no-store",
        redirect: "error",
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch {
      return failure(503, "UNREACHABLE", "The chatroom API did not answer; try again in a moment.");
    }
  };
  let response = await send();
  // The instance's console key lapsed or was revoked: it is replaced, and the request tried once more.
  if (response instanceof Response && response.status === 401 && (await refreshConsoleCredential())) {
    await response.body?.cancel();
    response = await send();
  }
  if (!(response instanceof Response)) return { ok: false, error: response };
  if (response.status === 401) return { ok: false, error: failure(401, "CREDENTIAL_REFUSED", CREDENTIAL_REFUSED) };
  const text = await response.text();
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const body = (json ?? {}) as { error_message?: unknown; error_description?: unknown; payload?: unknown };
    const payload = body.payload && typeof body.payload === "object" ? (body.payload as Record<string, unknown>) : {};
    // Our servers answer an unknown path with kind "route"; another server may answer 404 or 405 in its own way.
    const missing =
      (response.status === 404 && (payload.kind === "route" || typeof body.error_message !== "string")) ||
      (response.status === 405 && typeof body.error_message !== "string");
    return {
      ok: false,
      error: failure(
        response.status,
        typeof body.error_message === "string" ? body.error_message : `HTTP_${response.status}`,
        typeof body.error_description === "string" ? body.error_description : `The chatroom API answered ${response.status}.`,
        payload,
        missing,
      ),
    };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, error: failure(502, "BAD_RESPONSE", "The chatroom API answered in a shape the dashboard does not understand.") };
  }
  return { ok: true, data: parsed.data };
}

const org = (orgId: string) => `/v1/org/${encodeURIComponent(orgId)}`;
const enc = encodeURIComponent;

export interface ChatroomListQuery {
  status?: "active" | "deactivated" | "expired";
  q?: string;
  phone?: string;
  contact_id?: string;
  remote_phone_id?: string;
  assignee?: string;
  sort?: "created" | "activity";
  cursor?: string;
  limit?: number;
}

export interface CreateChatroomBody {
  lead_id: string;
  remote_waba_id?: string;
  remote_phone_id?: string;
  force_deactivate: boolean;
  fail_if_chatroom_exists_on_other_waba_phone?: boolean;
  assign_details?: { assign_mode: "USER" | "GROUP"; user_id?: string; group_id?: string; assign_on_handover: boolean };
}

/** The API as the person sees it: every call carries their account id for the audit. */
export function apiFor(person: Person) {
  return {
    listOrgs: () => call(person, "/v1/orgs", orgListSchema),
    listChatrooms: (orgId: string, query: ChatroomListQuery) =>
      call(person, `${org(orgId)}/chatrooms`, chatroomPageSchema, { query: { ...query } }),
    getChatroom: (orgId: string, chatroomId: string) => call(person, `${org(orgId)}/chatrooms/${enc(chatroomId)}`, chatroomDetailSchema),
    listMessages: (orgId: string, chatroomId: string) =>
      call(person, `${org(orgId)}/chatrooms/${enc(chatroomId)}/messages`, messagePageSchema, { query: { limit: 200 } }),
    listContacts: (orgId: string, query: { q?: string; cursor?: string; limit?: number }) =>
      call(person, `${org(orgId)}/contacts`, contactPageSchema, { query }),
    listAudit: (orgId: string, query: { chatroom_id?: string; cursor?: string; limit?: number }) =>
      call(person, `${org(orgId)}/audit`, auditPageSchema, { query }),
    listConflicts: (orgId: string, query: { phone?: string; cursor?: string; limit?: number }) =>
      call(person, `${org(orgId)}/conflicts`, conflictLogPageSchema, { query }),
    getConfig: (orgId: string) => call(person, `${org(orgId)}/config`, orgConfigSchema),
    updateConfig: (orgId: string, body: Record<string, unknown>) =>
      call(person, `${org(orgId)}/config`, orgConfigSchema, { method: "PUT", body }),
    listWabas: (orgId: string) => call(person, `${org(orgId)}/wabas`, wabaListSchema),
    listUsers: (orgId: string) => call(person, `${org(orgId)}/users`, userListSchema),
    listGroups: (orgId: string) => call(person, `${org(orgId)}/groups`, groupListSchema),
    createChatroom: (orgId: string, body: CreateChatroomBody, note?: string) =>
      call(person, `/v3/org/${enc(orgId)}/lead/chatroom`, chatroomObjectSchema, { method: "POST", body, note }),
    reassignChatroom: (orgId: string, chatroomId: string, body: { assign_details: CreateChatroomBody["assign_details"] }, note?: string) =>
      call(person, `/v3/org/${enc(orgId)}/lead/chatroom/${enc(chatroomId)}/reassign`, chatroomObjectSchema, { method: "POST", body, note }),
    deactivateChatroom: (orgId: string, chatroomId: string, reason: string, note?: string) =>
      call(person, `${org(orgId)}/contacts/chatroom/${enc(chatroomId)}/deactivate`, chatroomObjectSchema, {
        method: "PUT",
        body: { deactivation_reason: reason },
        note,
      }),
    activateChatroom: (orgId: string, chatroomId: string, force: boolean, note?: string) =>
      call(person, `${org(orgId)}/contacts/chatroom/${enc(chatroomId)}/activate`, chatroomObjectSchema, {
        method: "PUT",
        query: { force_deactivate: force },
        note,
      }),
  };
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
  const url = new URL(`${baseUrl()}${org(orgId)}/events/stream`);
  if (options.after && EVENT_ID.test(options.after)) url.searchParams.set("after", options.after);
  if (options.types && /^[a-z._,]{1,512}$/.test(options.types)) url.searchParams.set("types", options.types);
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: "text/event-stream", "x-on-behalf-of": person.accountId };
  if (options.lastEventId && EVENT_ID.test(options.lastEventId.trim())) headers["last-event-id"] = options.lastEventId.trim();

  const upstream = new AbortController();
  options.signal.addEventListener("abort", () => upstream.abort(), { once: true });
  const connecting = setTimeout(() => upstream.abort(), TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(url, { headers, cache: "no-store", redirect: "error", signal: upstream.signal });
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

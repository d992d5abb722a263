import { z } from "zod";
import type { Actor, Principal, RequestContext } from "@/lib/principals/actor";
import type { Services } from "@/lib/services";
import { isDatabaseUnreachable, noteDatabaseUnreachable, OUTAGE_RETRY_AFTER_SECONDS } from "@/lib/db/availability";
import { env } from "@/lib/env";
import { ApiError, type ErrorBody } from "@/lib/errors";
import { errorFields, log } from "@/lib/log";
import { findUnstorable, unstorableMessage } from "@/lib/storable-json";
import { actorOf, authenticate, canAccessOrg, impersonate, orgOfUser, principalScope } from "./authenticate";
import { claimIdempotencyKey, requestFingerprint, settleIdempotencyKey, type IdempotencyScope } from "./idempotency";
import { newRequestId } from "./request-id";
import { getServices } from "@/lib/app-services";

const MAX_BODY_BYTES = 64 * 1024;
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];

type RouteParams = Record<string, string | string[] | undefined>;
export type RouteHandler = (request: Request, context: { params: Promise<RouteParams> }) => Promise<Response>;

/** What an endpoint declares up front (docs/architecture.md: one wrapper per kind of entry point; fail closed). */
export interface EndpointSpec<B extends z.ZodType | undefined, Q extends z.ZodType | undefined> {
  /** The lowest role allowed: MEMBER admits everyone of the org, ADMIN only admins. */
  role: "MEMBER" | "ADMIN";
  impersonation: "allowed" | "refused";
  partner: "allowed" | "refused";
  /** Whether the path carries an `orgId` the principal must be allowed into. Default true. */
  orgScoped?: boolean;
  body?: B;
  query?: Q;
}

export interface HandlerInput<B, Q> {
  services: Services;
  principal: Principal;
  actor: Actor;
  context: RequestContext;
  params: Record<string, string>;
  body: B;
  query: Q;
  request: Request;
}

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;

function json(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

function errorResponse(error: ApiError): Response {
  return json(error.toBody(), error.status, error.headers);
}

function internalError(requestId: string): Response {
  const body: ErrorBody = {
    error_code: 5000001,
    error_message: "INTERNAL",
    error_description: "Something went wrong on our side; quote payload.request_id to support.",
    payload: { request_id: requestId },
  };
  return json(body, 500);
}

export function validationError(error: z.ZodError, where: "body" | "query" | "path"): ApiError {
  const issues = error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join("."),
    message: issue.message,
  }));
  const first = issues[0];
  return new ApiError("VALIDATION_FAILED", { issues }, first ? `${first.path}: ${first.message}` : undefined);
}

/** Input PostgreSQL cannot store (a NUL, a lone surrogate, or nesting past the limit) is bad input, not a failure. */
function refuseUnstorable(value: unknown, where: "body" | "query" | "path"): void {
  const found = findUnstorable(value);
  if (found) {
    const path = found.problem === "too_deep" ? [where] : [where, ...found.path];
    throw new ApiError("VALIDATION_FAILED", { issues: [{ path: path.join("."), message: unstorableMessage[found.problem] }] });
  }
}

/** Reads at most `limit` bytes of the body, as bytes; more is a 413 without reading the rest. */
export async function readBodyBytes(request: Request, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const tooLarge = () => new ApiError("PAYLOAD_TOO_LARGE", { limit_bytes: limit }, `The body is over ${limit / 1024} KiB.`);
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge();
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      // The client went away mid-body: nothing to do, and nothing unexpected on our side.
      throw new ApiError("MALFORMED_JSON", {}, "The request body could not be read to its end.");
    }
    const { done, value } = chunk;
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

async function readBody(request: Request): Promise<string> {
  return (await readBodyBytes(request)).toString("utf8");
}

/** POST, PUT and PATCH: the methods that carry a body and change something. */
function hasBody(request: Request): boolean {
  return request.method === "POST" || request.method === "PUT" || request.method === "PATCH";
}

function isJsonContentType(value: string | null): boolean {
  return value !== null && /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(value.trim());
}

async function resolveParams(context: { params: Promise<RouteParams> }): Promise<Record<string, string>> {
  const raw = (await context.params) ?? {};
  return Object.fromEntries(
    Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? value.join("/") : (value ?? "")]),
  );
}

function headerValue(request: Request, name: string, max: number): string | null {
  const value = request.headers.get(name);
  if (value === null || value.trim() === "") return null;
  if (value.length > max) {
    throw new ApiError("VALIDATION_FAILED", { issues: [{ path: `header.${name}`, message: `must be at most ${max} characters` }] });
  }
  return value.trim();
}

/**
 * What every entry point does around its work: a request id (in the answer's `x-request-id`), an
 * ApiError as ErrorRespDto, an unreachable database as a 503, anything else as a 500 that says nothing
 * internal, and one log line.
 */
export async function answerRequest(request: Request, work: (requestId: string, url: URL) => Promise<Response>): Promise<Response> {
  const requestId = newRequestId();
  const started = performance.now();
  const url = new URL(request.url);
  let response: Response;
  try {
    response = await work(requestId, url);
  } catch (error) {
    if (error instanceof ApiError) response = errorResponse(error);
    else if (isDatabaseUnreachable(error)) {
      noteDatabaseUnreachable();
      const retryAfter = String(OUTAGE_RETRY_AFTER_SECONDS);
      response = errorResponse(new ApiError("UNAVAILABLE", {}, undefined, { "retry-after": retryAfter }));
    } else {
      log("error", "unexpected error", { request_id: requestId, method: request.method, path: url.pathname, ...errorFields(error) });
      response = internalError(requestId);
    }
  }
  response.headers.set("x-request-id", requestId);
  log("info", "request", {
    request_id: requestId,
    method: request.method,
    path: url.pathname,
    status: response.status,
    duration_ms: Math.round((performance.now() - started) * 10) / 10,
  });
  return response;
}

/**
 * Wraps a route handler: authentication, org access, impersonation, role, rate limit, body limits, idempotency
 * and validation, in the order of docs/architecture.md ("An API call"), then the handler; every failure in
 * ErrorRespDto.
 */
export function withApi<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(
  spec: EndpointSpec<B, Q>,
  handler: (input: HandlerInput<Infer<B>, Infer<Q>>) => Promise<unknown>,
  options: { status?: number } = {},
): RouteHandler {
  return (request, routeContext) => answerRequest(request, (requestId, url) => handle(request, routeContext, requestId, url));

  async function handle(
    request: Request,
    routeContext: { params: Promise<RouteParams> },
    requestId: string,
    url: URL,
  ): Promise<Response> {
    const services = await getServices();
    const { db, clock } = services;
    const params = await resolveParams(routeContext);
    refuseUnstorable(params, "path");

    const { RATE_LIMIT_PER_SECOND, RATE_LIMIT_BURST } = env();
    const { principal, rate } = await authenticate(
      db,
      { authorization: request.headers.get("authorization"), onBehalfOf: request.headers.get("x-on-behalf-of") },
      clock.now(),
      { perSecond: RATE_LIMIT_PER_SECOND, burst: RATE_LIMIT_BURST },
    );
    let orgId = params.orgId ?? "";
    if (spec.orgScoped !== false && !(await canAccessOrg(db, principal, orgId))) {
      throw new ApiError("ORG_ACCESS_DENIED", { org_id: orgId });
    }
    let actor = actorOf(principal);
    const impersonated = headerValue(request, "x-impersonate-user", 128);
    if (impersonated !== null) {
      if (spec.impersonation === "refused") {
        throw new ApiError("IMPERSONATION_NOT_ALLOWED", {}, "This endpoint refuses impersonated callers.");
      }
      // Without an org in the path, the impersonated user's own org is the one (if the principal may enter it).
      if (spec.orgScoped === false) orgId = (await orgOfUser(db, principal, impersonated)) ?? "";
      actor = await impersonate(db, actor, orgId, impersonated);
    }
    if (spec.partner === "refused" && principal.type === "partner") throw new ApiError("FORBIDDEN");
    if (spec.role === "ADMIN" && actor.role !== "ADMIN") throw new ApiError("FORBIDDEN");

    if (!rate.allowed) {
      throw new ApiError("RATE_LIMITED", { retry_after_seconds: rate.retryAfterSeconds }, undefined, {
        "retry-after": String(rate.retryAfterSeconds),
      });
    }

    const raw = hasBody(request) ? await readBody(request) : "";
    if (raw.trim() !== "" && !isJsonContentType(request.headers.get("content-type"))) {
      throw new ApiError("UNSUPPORTED_MEDIA_TYPE");
    }

    const note = headerValue(request, "x-audit-note", 500);
    const context: RequestContext = { orgId, actor, requestId, note };
    const idempotencyKey = hasBody(request) ? headerValue(request, "idempotency-key", 255) : null;
    const scope: IdempotencyScope | undefined = idempotencyKey
      ? { principal: principalScope(principal), method: request.method, url, key: idempotencyKey }
      : undefined;
    if (scope) {
      const claim = await claimIdempotencyKey(db, scope, requestFingerprint(raw), clock.now());
      if (claim.kind === "replay") {
        return new Response(claim.body, { status: claim.status, headers: { "content-type": "application/json", "idempotent-replayed": "true" } });
      }
    }

    let response: Response;
    try {
      response = await run(services, principal, actor, context, params, raw, url, request);
    } catch (error) {
      if (!(error instanceof ApiError)) {
        if (scope) await settleIdempotencyKey(db, scope, 500, "").catch(() => undefined);
        throw error;
      }
      response = errorResponse(error);
    }
    if (scope) await settleIdempotencyKey(db, scope, response.status, await response.clone().text());
    return response;
  }

  async function run(
    services: Services,
    principal: Principal,
    actor: Actor,
    context: RequestContext,
    params: Record<string, string>,
    raw: string,
    url: URL,
    request: Request,
  ): Promise<Response> {
    // Every change (any method but a read), a DELETE included, carries a support agent's note.
    if (request.method !== "GET" && principal.onBehalfOf?.noteRequired && context.note === null) {
      throw new ApiError(
        "VALIDATION_FAILED",
        { issues: [{ path: "header.x-audit-note", message: "is required: a support agent's changes carry a note" }] },
        "A support agent's changes need a note in X-Audit-Note.",
      );
    }
    let body: unknown = undefined;
    if (spec.body) {
      let parsed: unknown = {};
      if (raw.trim() !== "") {
        try {
          parsed = JSON.parse(raw);
        } catch {
          throw new ApiError("MALFORMED_JSON");
        }
      }
      refuseUnstorable(parsed, "body");
      const result = spec.body.safeParse(parsed);
      if (!result.success) throw validationError(result.error, "body");
      body = result.data;
    }
    let query: unknown = undefined;
    if (spec.query) {
      const raw = Object.fromEntries(url.searchParams);
      refuseUnstorable(raw, "query");
      const result = spec.query.safeParse(raw);
      if (!result.success) throw validationError(result.error, "query");
      query = result.data;
    }
    const result = await handler({
      services,
      principal,
      actor,
      context,
      params,
      body: body as Infer<B>,
      query: query as Infer<Q>,
      request,
    });
    // A handler that answers a stream (Server-Sent Events) builds its own Response.
    if (result instanceof Response) return result;
    return json(result, options.status ?? 200);
  }
}

/** The route's handlers, and a JSON 405 with an Allow header for every other method. */
export function apiRoute(handlers: Partial<Record<Method, RouteHandler>>): Record<Method, RouteHandler> {
  const allow = METHODS.filter((method) => handlers[method]).join(", ");
  const methodNotAllowed: RouteHandler = (request) =>
    answerRequest(request, async () => {
      throw new ApiError("METHOD_NOT_ALLOWED", { method: request.method, allow }, `Use ${allow} on this path.`, { allow });
    });
  return Object.fromEntries(METHODS.map((method) => [method, handlers[method] ?? methodNotAllowed])) as Record<
    Method,
    RouteHandler
  >;
}

/** Every method of a path nobody serves: 404 NOT_FOUND with kind `route`. */
export function unknownRoute(): Record<Method, RouteHandler> {
  const notFoundHandler: RouteHandler = (request) =>
    answerRequest(request, async (_requestId, url) => {
      throw new ApiError("NOT_FOUND", { kind: "route", path: url.pathname }, "No endpoint has this path.");
    });
  return Object.fromEntries(METHODS.map((method) => [method, notFoundHandler])) as Record<Method, RouteHandler>;
}

import { z } from "zod";
import { errorTable, type ErrorName } from "@/lib/errors";
import { eventSchema } from "@/lib/events/schemas";
import { queryFlags } from "@/lib/query-flags";
import { endpoints, type EndpointDefinition } from "./endpoints";
import { testClockAnswerSchema, testClockBodySchema } from "./test-clock";

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: "any",
    override: ({ zodSchema, jsonSchema }) => {
      // A query flag is the string true or false on the wire, which is how a query string carries a boolean.
      const flag = queryFlags.get(zodSchema);
      if (!flag) return;
      for (const key of Object.keys(jsonSchema)) delete jsonSchema[key];
      Object.assign(jsonSchema, { type: "boolean", ...(flag.default === undefined ? {} : { default: flag.default }) });
    },
  }) as JsonSchema;
  return rest;
}

const errorResponseSchema = {
  type: "object",
  required: ["error_code", "error_message", "error_description", "payload"],
  properties: {
    error_code: { type: "integer", description: "HTTP status × 10 000 + a sequence number", enum: Object.values(errorTable).map((e) => e.code) },
    error_message: { type: "string", enum: Object.keys(errorTable) },
    error_description: { type: "string" },
    payload: { type: "object", additionalProperties: true },
  },
};

/** The errors an endpoint can answer with, from what it declares (in the order of docs/architecture.md). */
function errorsOf(endpoint: EndpointDefinition): ErrorName[] {
  const names: ErrorName[] = ["UNAUTHORIZED"];
  if (endpoint.orgScoped !== false) names.push("ORG_ACCESS_DENIED");
  // FORBIDDEN everywhere: the role, and X-On-Behalf-Of sent by a key other than the console's.
  names.push("IMPERSONATION_NOT_ALLOWED", "FORBIDDEN");
  names.push("RATE_LIMITED");
  if (endpoint.method !== "GET") names.push("PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE", "IDEMPOTENCY_KEY_REUSED", "IDEMPOTENCY_KEY_IN_USE", "MALFORMED_JSON");
  if (endpoint.body || endpoint.query || endpoint.path.includes("{")) names.push("VALIDATION_FAILED");
  if (endpoint.path.includes("{orgId}/")) names.push("NOT_FOUND");
  if (endpoint.upstream && endpoint.method !== "GET") {
    names.push(
      "CHATROOM_EXISTS_FOR_PHONE",
      "NO_WABA_PHONE_AVAILABLE",
      "NO_WABA_PHONE",
      "LEAD_HAS_ACTIVE_CHATROOM",
      "ACTIVE_CHATROOM_EXISTS",
      "CHATROOM_EXPIRED",
      "CHATROOM_NOT_ACTIVE",
      "NO_ASSIGNABLE_USER",
    );
  }
  if (endpoint === endpoints.createContact || endpoint === endpoints.updateContact) names.push("UQ_CONSTRAINT_FAILED");
  names.push("INTERNAL", "UNAVAILABLE");
  return names;
}

function operation(name: string, endpoint: EndpointDefinition) {
  const pathParameters = [...endpoint.path.matchAll(/\{(\w+)\}/g)].map((match) => ({
    name: match[1],
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
  const queryParameters = endpoint.query
    ? Object.entries((jsonSchema(endpoint.query, "input").properties ?? {}) as Record<string, JsonSchema>).map(([param, schema]) => ({
        name: param,
        in: "query",
        required: false,
        schema,
      }))
    : [];
  const headers = [
    { name: "X-Impersonate-User", in: "header", required: false, schema: { type: "string" }, description: endpoint.impersonation === "allowed" ? "Act as this active user of the org (ADMIN, partner or console keys)." : "Refused here: 403 IMPERSONATION_NOT_ALLOWED." },
    {
      name: "X-On-Behalf-Of",
      in: "header",
      required: false,
      schema: { type: "string", maxLength: 128 },
      description:
        "Console key only (any other key: 403 FORBIDDEN): the dashboard sign-in account of the person the dashboard acts for. " +
        "The request runs with that person's rights: an org user's role and memberships (R22 included), a partner member's " +
        "partner, a support agent as ADMIN with X-Audit-Note required on every change (400 without). An unknown or disabled " +
        "account: 403 FORBIDDEN. The audit records the person as the actor and the console as the channel; the rate limit " +
        "counts per (console, person).",
    },
    ...(endpoint.method === "GET"
      ? []
      : [
          { name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", maxLength: 255 }, description: "Replays the first answer for 24 h." },
          { name: "X-Audit-Note", in: "header", required: false, schema: { type: "string", maxLength: 500 }, description: "Stored with the audit events; required for a support agent acting through the console." },
        ]),
  ];
  const errorStatuses = new Map<number, ErrorName[]>();
  for (const error of errorsOf(endpoint)) {
    const status = errorTable[error].status;
    errorStatuses.set(status, [...(errorStatuses.get(status) ?? []), error]);
  }
  return {
    operationId: name,
    summary: endpoint.summary,
    tags: [endpoint.upstream ? "Upstream contract" : "Extensions"],
    description: `Roles: ${endpoint.role === "MEMBER" ? "MEMBER, ADMIN" : "ADMIN"}. Impersonated caller: ${endpoint.impersonation}. Partner keys: ${endpoint.partner}.`,
    security: [{ bearer: [] }],
    parameters: [...pathParameters, ...queryParameters, ...headers],
    ...(endpoint.body
      ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(endpoint.body, "input") } } } }
      : {}),
    responses: {
      "200": {
        description: endpoint.responseContentType === "text/event-stream" ? "Server-Sent Events; each event's `data` is this schema" : "OK",
        content: { [endpoint.responseContentType ?? "application/json"]: { schema: jsonSchema(endpoint.response, "output") } },
      },
      ...Object.fromEntries(
        [...errorStatuses.entries()].map(([status, names]) => [
          String(status),
          {
            description: names.join(", "),
            content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorRespDto" } } },
          },
        ]),
      ),
    },
  };
}

/** The test clock (docs/architecture.md, "Time, start-up and tests"): public, and served only by a server started with TEST_CLOCK=1. */
function testClockPath() {
  const description =
    "Served only when the server was started with TEST_CLOCK=1 (otherwise 404). The clock starts at wall-clock time and ticks " +
    "in real time from any value set, unless frozen: a frozen clock holds its value until a later PUT moves it or sets " +
    "`frozen: false`. A move that would leave the allowed range is a 400 and leaves the clock as it was.";
  const answer = { description: "The clock now", content: { "application/json": { schema: jsonSchema(testClockAnswerSchema, "output") } } };
  const error = (names: string) => ({ description: names, content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorRespDto" } } } });
  return {
    get: { operationId: "getTestClock", summary: "Read the test clock", tags: ["Test clock"], description, security: [], parameters: [], responses: { "200": answer, "404": error("NOT_FOUND") } },
    put: {
      operationId: "setTestClock",
      summary: "Set, advance, freeze or unfreeze the test clock",
      tags: ["Test clock"],
      description,
      security: [],
      parameters: [],
      requestBody: { required: true, content: { "application/json": { schema: jsonSchema(testClockBodySchema, "input") } } },
      responses: { "200": answer, "400": error("VALIDATION_FAILED, MALFORMED_JSON"), "404": error("NOT_FOUND") },
    },
  };
}

const DELIVERY_DESCRIPTION = [
  "Each event of a subscribed type is POSTed as JSON (the event as GET .../events lists it) to the subscription's URL.",
  "Verify `Switchboard-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<raw body>\" with the subscription's secret>`",
  "over the raw bytes, compare in constant time, and refuse a `t` more than 5 minutes old (replays).",
  "A 2xx within 10 s is a success; anything else (a redirect too: none is followed) is retried with exponential backoff",
  "and jitter (about 10 s, 20 s, 40 s ... up to an hour) for 24 h, then marked failed. Delivery is at least once: use",
  "`Switchboard-Event-Id` to drop a repeat. Events of one chatroom arrive in order: a later one waits while an earlier one",
  "is retried. A subscription whose deliveries fail for 3 days is disabled (`disabled_reason: failing`).",
  "Targets on loopback or private addresses are refused. `POST .../test` sends a `ping` event.",
].join(" ");

const EVENTS_DESCRIPTION =
  " Events: every change (and every stored message and recorded conflict) is an event, readable in order with " +
  "GET /v1/org/{orgId}/events?after=<id> or as Server-Sent Events from GET /v1/org/{orgId}/events/stream " +
  "(resume with Last-Event-ID); ids are opaque and compare as strings in event order. No reader ever skips an " +
  "event; an event becomes readable once every transaction older than its own has ended. The stream and the list " +
  "apply the reader's visibility as they read: a MEMBER sees its chatrooms' events (messages as R22 allows).";

/** The OpenAPI 3.1 document of the API, generated from the same zod schemas that validate requests. */
export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, endpoint] of Object.entries(endpoints) as [string, EndpointDefinition][]) {
    paths[endpoint.path] ??= {};
    paths[endpoint.path]![endpoint.method.toLowerCase()] = operation(name, endpoint);
  }
  paths["/__test__/clock"] = testClockPath();
  const errorCodes = Object.entries(errorTable).map(([name, entry]) => ({ error_message: name, ...entry }));
  return {
    openapi: "3.1.0",
    info: {
      title: "Switchboard chatroom API",
      version: "1.0.0",
      license: { name: "Proprietary: no license is granted", identifier: "LicenseRef-Proprietary" },
      description:
        "The Saleschat.pro chatroom endpoints (same paths and fields) and Switchboard's extensions. Every error answers " +
        "with ErrorRespDto; the table of codes is in `x-error-codes`." +
        EVENTS_DESCRIPTION,
    },
    // Relative: the API is served by the server that serves this document.
    servers: [{ url: "/", description: "This server" }],
    "x-error-codes": errorCodes,
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An API key." } },
      schemas: { ErrorRespDto: errorResponseSchema },
    },
    paths,
    webhooks: {
      event: {
        post: {
          operationId: "webhookDelivery",
          summary: "An event delivered to a webhook subscription",
          description: DELIVERY_DESCRIPTION,
          // Sent by Switchboard to the subscriber, who checks the signature; no API key is involved.
          security: [],
          parameters: [
            { name: "Switchboard-Event-Id", in: "header", required: true, schema: { type: "string" }, description: "The event's id (a ping: ping_<delivery id>)." },
            { name: "Switchboard-Event-Type", in: "header", required: true, schema: { type: "string" }, description: "The event's type, or ping." },
            { name: "Switchboard-Signature", in: "header", required: true, schema: { type: "string" }, description: "t=<unix seconds>,v1=<hex HMAC-SHA256>" },
          ],
          requestBody: { required: true, content: { "application/json": { schema: jsonSchema(eventSchema, "output") } } },
          responses: { "200": { description: "Any 2xx within 10 s: delivered. Anything else is retried." } },
        },
      },
    },
  };
}

import { z } from "zod";
import { errorTable, type ErrorName } from "@/lib/errors";
import { endpoints, type EndpointDefinition } from "./endpoints";

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
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

/** The errors an endpoint can answer with, from what it declares (api.md "Which error wins"). */
function errorsOf(endpoint: EndpointDefinition): ErrorName[] {
  const names: ErrorName[] = ["UNAUTHORIZED"];
  if (endpoint.orgScoped !== false) names.push("ORG_ACCESS_DENIED");
  names.push("IMPERSONATION_NOT_ALLOWED");
  if (endpoint.role === "ADMIN" || endpoint.partner === "refused") names.push("FORBIDDEN");
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
  names.push("INTERNAL");
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
    { name: "X-On-Behalf-Of", in: "header", required: false, schema: { type: "string" }, description: "Console key only: the signed-in person the dashboard acts for." },
    ...(endpoint.method === "GET"
      ? []
      : [
          { name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", maxLength: 255 }, description: "Replays the first answer for 24 h." },
          { name: "X-Audit-Note", in: "header", required: false, schema: { type: "string", maxLength: 500 }, description: "Stored with the audit events." },
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

/** The OpenAPI 3.1 document of the API, generated from the same zod schemas that validate requests. */
export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, endpoint] of Object.entries(endpoints) as [string, EndpointDefinition][]) {
    paths[endpoint.path] ??= {};
    paths[endpoint.path]![endpoint.method.toLowerCase()] = operation(name, endpoint);
  }
  const errorCodes = Object.entries(errorTable).map(([name, entry]) => ({ error_message: name, ...entry }));
  return {
    openapi: "3.1.0",
    info: {
      title: "Switchboard chatroom API",
      version: "1.0.0",
      description:
        "The Saleschat.pro chatroom endpoints (same paths and fields) and Switchboard's extensions. Every error answers " +
        "with ErrorRespDto; the table of codes is in `x-error-codes`.",
    },
    "x-error-codes": errorCodes,
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An API key." } },
      schemas: { ErrorRespDto: errorResponseSchema },
    },
    paths,
  };
}

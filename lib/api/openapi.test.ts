import { createConfig, lintFromString } from "@redocly/openapi-core";
import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activateQuerySchema } from "@/lib/chatrooms/schemas";
import { errorTable } from "@/lib/errors";
import { startRouteServer, type TestServer } from "@/lib/testing/http";
import { endpoints } from "./endpoints";
import { openApiDocument } from "./openapi";

interface Parameter {
  name: string;
  in: string;
  schema: Record<string, unknown>;
}

type Operations = Record<string, { parameters: Parameter[] }>;

describe("the OpenAPI document", () => {
  let server: TestServer;
  let served: string;
  beforeAll(async () => {
    server = await startRouteServer();
    const response = await fetch(`${server.url}/openapi.json`);
    expect(response.status).toBe(200);
    served = await response.text();
  });
  afterAll(() => server?.close());

  it("validates against the OpenAPI 3.1 schema", async () => {
    const validator = new Validator();
    const result = await validator.validate(openApiDocument());
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("as served at /openapi.json, passes Redocly's recommended rules with no error and no warning", async () => {
    const config = await createConfig({ extends: ["recommended"] });
    const problems = await lintFromString({ source: served, absoluteRef: "openapi.json", config });
    const found = problems.map((problem) => `${problem.severity} ${problem.ruleId}: ${problem.message} (${problem.location[0]?.pointer ?? ""})`);
    expect(found).toEqual([]);
  });

  it("types boolean query parameters as booleans, while the server takes only the strings true and false", () => {
    const document = JSON.parse(served) as { paths: Record<string, Operations> };
    const queryParameters = Object.values(document.paths).flatMap((operations) =>
      Object.values(operations).flatMap((operation) => operation.parameters.filter((parameter) => parameter.in === "query")),
    );
    const typedAsStrings = queryParameters.filter((parameter) => JSON.stringify(parameter.schema.enum) === '["true","false"]');
    expect(typedAsStrings.map((parameter) => parameter.name)).toEqual([]);
    const activate = document.paths["/v1/org/{orgId}/contacts/chatroom/{chatroomId}/activate"]!.put!;
    expect(activate.parameters.find((parameter) => parameter.name === "force_deactivate")?.schema).toEqual({ type: "boolean", default: false });

    expect(activateQuerySchema.parse({})).toEqual({ force_deactivate: false });
    expect(activateQuerySchema.parse({ force_deactivate: "true" })).toEqual({ force_deactivate: true });
    expect(activateQuerySchema.parse({ force_deactivate: "false" })).toEqual({ force_deactivate: false });
    for (const refused of ["1", "0", "TRUE", "yes", ""]) {
      expect(activateQuerySchema.safeParse({ force_deactivate: refused }).success, refused).toBe(false);
    }
  });

  it("lists every endpoint with its body schema and every error code", () => {
    const document = openApiDocument();
    for (const endpoint of Object.values(endpoints)) {
      expect(document.paths[endpoint.path]?.[endpoint.method.toLowerCase()], endpoint.path).toBeDefined();
    }
    const create = document.paths["/v3/org/{orgId}/lead/chatroom"]!.post as { requestBody: { content: { "application/json": { schema: { properties: Record<string, unknown>; required: string[] } } } } };
    const body = create.requestBody.content["application/json"].schema;
    expect(Object.keys(body.properties)).toEqual(expect.arrayContaining(["lead_id", "assign_details", "fail_if_chatroom_exists_on_other_waba_phone", "fail_if_chatroom_exists_on_other_wabaphone"]));
    expect(body.required).toEqual(["lead_id"]);
    const clock = document.paths["/__test__/clock"]!.put as { requestBody: { content: { "application/json": { schema: { properties: Record<string, unknown> } } } } };
    expect(Object.keys(clock.requestBody.content["application/json"].schema.properties)).toEqual(["now", "advance_ms", "frozen"]);
    // The offline reference page (/docs) reads these of every operation.
    for (const operations of Object.values(document.paths)) {
      for (const operation of Object.values(operations) as { parameters?: unknown[]; tags?: string[]; responses?: unknown }[]) {
        expect(Array.isArray(operation.parameters) && Array.isArray(operation.tags) && operation.responses !== undefined).toBe(true);
      }
    }
    expect(document["x-error-codes"].map((entry) => entry.error_message)).toEqual(Object.keys(errorTable));
  });

  it("documents the event stream as Server-Sent Events and the webhook deliveries with their signature scheme", () => {
    const document = openApiDocument();
    const stream = document.paths["/v1/org/{orgId}/events/stream"]!.get as { responses: Record<string, { content: Record<string, unknown> }> };
    expect(Object.keys(stream.responses["200"]!.content)).toEqual(["text/event-stream"]);
    const delivery = document.webhooks.event.post;
    expect(delivery.parameters.map((parameter) => parameter.name)).toEqual(["Switchboard-Event-Id", "Switchboard-Event-Type", "Switchboard-Signature"]);
    expect(delivery.description).toContain('HMAC-SHA256 of "<t>.<raw body>"');
  });
});

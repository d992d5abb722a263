import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { errorTable } from "@/lib/errors";
import { endpoints } from "./endpoints";
import { openApiDocument } from "./openapi";

describe("the OpenAPI document", () => {
  it("validates against the OpenAPI 3.1 schema", async () => {
    const validator = new Validator();
    const result = await validator.validate(openApiDocument());
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
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

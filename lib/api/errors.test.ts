import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { claimIdempotencyKey, requestFingerprint } from "@/lib/api/idempotency";
import { errorTable } from "@/lib/errors";
import { useTestApp } from "@/lib/testing/app";
import { tokens } from "@/lib/testing/fixture";
import { newContact } from "@/lib/testing/helpers";

describe("the error model", () => {
  const app = useTestApp();

  it("every code is the HTTP status times 10 000 plus a sequence number, and unique", () => {
    const codes = Object.values(errorTable).map((entry) => entry.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const entry of Object.values(errorTable)) expect(Math.floor(entry.code / 10_000)).toBe(entry.status);
    expect(errorTable.FORBIDDEN.code).toBe(4030001);
    expect(errorTable.UQ_CONSTRAINT_FAILED.code).toBe(4090001);
  });

  it("an unknown path is a 404 of kind route, a wrong method a 405 with Allow, both in the error format with a request id", async () => {
    const unknown = await app.call("GET", "/v1/org/org_a/nothing/here");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error_code: 4040001, error_message: "NOT_FOUND", payload: { kind: "route" } });
    const wrong = await app.call("DELETE", "/v1/org/org_a/config");
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET, PUT");
    expect(wrong.body).toMatchObject({ error_code: 4050001, error_message: "METHOD_NOT_ALLOWED" });
    for (const answer of [unknown, wrong]) expect(answer.headers.get("x-request-id")).toMatch(/^req_/);
  });

  it("authentication comes before the body: an anonymous oversized or malformed body is a 401", async () => {
    const big = await app.call("POST", "/v3/org/org_a/lead/chatroom", { token: null, rawBody: "x".repeat(70_000) });
    expect(big.status).toBe(401);
    const malformed = await app.call("POST", "/v3/org/org_a/lead/chatroom", {
      token: null,
      rawBody: "{",
      headers: { "content-type": "application/json" },
    });
    expect(malformed.status).toBe(401);
  });

  it("a body over 64 KiB is a 413, a body that is not JSON a 415, broken JSON a 400 MALFORMED_JSON", async () => {
    const big = await app.call("POST", "/v3/org/org_a/lead/chatroom", {
      rawBody: JSON.stringify({ lead_id: "c_1", display_name: "x".repeat(70_000) }),
      headers: { "content-type": "application/json" },
    });
    expect(big.status).toBe(413);
    expect(big.body.error_message).toBe("PAYLOAD_TOO_LARGE");
    const text = await app.call("POST", "/v3/org/org_a/lead/chatroom", { rawBody: "lead_id=c_1", headers: { "content-type": "text/plain" } });
    expect(text.status).toBe(415);
    const broken = await app.call("POST", "/v3/org/org_a/lead/chatroom", { rawBody: "{\"lead_id\":", headers: { "content-type": "application/json" } });
    expect(broken.status).toBe(400);
    expect(broken.body.error_message).toBe("MALFORMED_JSON");
  });

  it("validation lists every field issue; ids must be strings and flags booleans; unknown fields are ignored", async () => {
    const bad = await app.call("POST", "/v3/org/org_a/lead/chatroom", {
      body: { lead_id: 42, force_deactivate: "true", assign_details: { assign_mode: "TEAM" } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error_message).toBe("VALIDATION_FAILED");
    expect(bad.body.payload.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(
      ["body.assign_details.assign_mode", "body.force_deactivate", "body.lead_id"].sort(),
    );
    const nul = await app.call("POST", "/v3/org/org_a/lead/chatroom", { body: { lead_id: "c_\u0000" } });
    expect(nul.status).toBe(400);
    expect(nul.body.payload.issues[0].path).toBe("body.lead_id");
    const lead = await newContact(app);
    const extra = await app.call("POST", "/v3/org/org_a/lead/chatroom", { body: { lead_id: lead.id, something_new: [1, 2] } });
    expect(extra.status).toBe(200);
  });

  it("Idempotency-Key replays the first answer exactly, refuses another body, and refuses a key still running", async () => {
    const lead = await newContact(app);
    const headers = { "idempotency-key": "create-once-1" };
    const body = { lead_id: lead.id, force_deactivate: false };
    const first = await app.call("POST", "/v3/org/org_a/lead/chatroom", { body, headers });
    const second = await app.call("POST", "/v3/org/org_a/lead/chatroom", { body, headers });
    expect(first.body.is_existing).toBe(false);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    // Canonical JSON: the same body with its keys in another order and other spacing is the same request.
    const reordered = await app.call("POST", "/v3/org/org_a/lead/chatroom", {
      rawBody: `{ "force_deactivate": false,\n "lead_id": "${lead.id}" }`,
      headers: { ...headers, "content-type": "application/json" },
    });
    expect(reordered.body).toEqual(first.body);
    const changed = await app.call("POST", "/v3/org/org_a/lead/chatroom", { body: { lead_id: lead.id, force_deactivate: true }, headers });
    expect(changed.status).toBe(409);
    expect(changed.body.error_message).toBe("IDEMPOTENCY_KEY_REUSED");

    const missing = { "idempotency-key": "missing-contact" };
    const notFound = await app.call("POST", "/v3/org/org_a/lead/chatroom", { body: { lead_id: "c_missing" }, headers: missing });
    expect(notFound.status).toBe(404);
    const replayed = await app.call("POST", "/v3/org/org_a/lead/chatroom", { body: { lead_id: "c_missing" }, headers: missing });
    expect(replayed.status).toBe(404);
    expect(replayed.body).toEqual(notFound.body);

    // Another request of the same user holds the key and has not finished.
    await claimIdempotencyKey(
      app.database.db,
      { principal: "user:u_admin_a", method: "POST", url: new URL("http://any/v3/org/org_a/lead/chatroom"), key: "still-running" },
      requestFingerprint(JSON.stringify({ lead_id: lead.id })),
      app.clock.now(),
    );
    const running = await app.call("POST", "/v3/org/org_a/lead/chatroom", { body: { lead_id: lead.id }, headers: { "idempotency-key": "still-running" } });
    expect(running.status).toBe(409);
    expect(running.body.error_message).toBe("IDEMPOTENCY_KEY_IN_USE");

    // Keys are scoped by principal: another key may use the same name.
    const other = await app.call("POST", "/v3/org/org_a/lead/chatroom", { token: tokens.partnerLinked, body: { lead_id: lead.id }, headers });
    expect(other.status).toBe(200);
    expect(other.headers.get("idempotent-replayed")).toBeNull();
  });

  it("an unexpected failure is a 500 with the request id and nothing internal", async () => {
    await app.database.db.execute(sql`alter table contacts rename to contacts_away`);
    try {
      const failed = await app.call("GET", "/v1/org/org_a/contacts");
      expect(failed.status).toBe(500);
      expect(failed.body).toEqual({
        error_code: 5000001,
        error_message: "INTERNAL",
        error_description: expect.any(String),
        payload: { request_id: failed.headers.get("x-request-id") },
      });
      expect(JSON.stringify(failed.body)).not.toMatch(/contacts|relation|select|stack/i);
    } finally {
      await app.database.db.execute(sql`alter table contacts_away rename to contacts`);
    }
  });
});

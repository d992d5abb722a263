import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/principals/api-keys";
import { useTestApp } from "@/lib/testing/app";
import { newContact } from "@/lib/testing/helpers";

/** Input a client controls that once answered 500: each must be a 4xx in the error format and change nothing. */
describe("bad input answers a 4xx ErrorRespDto", () => {
  const app = useTestApp();

  const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

  it("a body nested 10 000 deep is a 400 naming the depth limit, with or without an Idempotency-Key", async () => {
    const lead = await newContact(app);
    const rawBody = `{"lead_id":"${lead.id}","extra":${nested(10_000)}}`;
    for (const headers of [{}, { "idempotency-key": "deep-body" }] as Record<string, string>[]) {
      const answer = await app.call("POST", "/v3/org/org_a/lead/chatroom", { rawBody, headers: { ...headers, "content-type": "application/json" } });
      expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBe(400);
      expect(answer.body).toMatchObject({ error_message: "VALIDATION_FAILED", payload: { issues: [{ path: "body", message: expect.stringContaining("64") }] } });
    }
    expect((await app.call("GET", `/v1/org/org_a/chatroom/contact/${lead.id}`)).status).toBe(404);
    // 64 levels are fine.
    const shallow = await app.call("POST", "/v3/org/org_a/lead/chatroom", {
      rawBody: `{"lead_id":"${lead.id}","extra":${nested(62)}}`,
      headers: { "content-type": "application/json" },
    });
    expect(shallow.status).toBe(200);
  });

  it("a NUL anywhere in a body is still found, however the body is shaped", async () => {
    const answer = await app.call("POST", "/v3/org/org_a/lead/chatroom", { body: { lead_id: "c_1", a: [{ b: ["ok", "x\u0000y"] }] } });
    expect(answer.status).toBe(400);
    expect(answer.body.payload.issues).toEqual([{ path: "body.a.0.b.1", message: "must not contain a NUL character" }]);
  });

  it("a lone surrogate in a body field is a 400: the audit's jsonb could not hold it", async () => {
    const lead = await newContact(app);
    const answer = await app.call("POST", "/v3/org/org_a/lead/chatroom", {
      rawBody: `{"lead_id":"${lead.id}","display_name":"broken \\ud800 name"}`,
      headers: { "content-type": "application/json" },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.payload.issues).toEqual([{ path: "body.display_name", message: expect.stringContaining("surrogate") }]);
    expect((await app.call("GET", `/v1/org/org_a/chatroom/contact/${lead.id}`)).status).toBe(404);
  });

  it("a forged or stale cursor is a 400 on every list", async () => {
    const forged = [
      Buffer.from(JSON.stringify({ t: "x", id: "a" })).toString("base64url"),
      Buffer.from(JSON.stringify({ id: { nested: true } })).toString("base64url"),
      Buffer.from(JSON.stringify({ t: "2026-01-01T00:00:00.000Z" })).toString("base64url"),
      Buffer.from("[]").toString("base64url"),
      "!!!",
    ];
    const lists = [
      "/v1/org/org_a/chatrooms",
      "/v1/org/org_a/chatrooms?sort=activity",
      "/v1/org/org_a/contacts",
      "/v1/org/org_a/audit",
      "/v1/org/org_a/conflicts",
      "/v1/org/org_a/messages/unrouted",
      "/v1/org/org_a/chatrooms/cr_any/messages",
    ];
    for (const list of lists) {
      for (const cursor of forged) {
        const answer = await app.call("GET", `${list}${list.includes("?") ? "&" : "?"}cursor=${encodeURIComponent(cursor)}`);
        expect([answer.status, answer.body.error_message], `${list} ${cursor}`).toEqual([400, "VALIDATION_FAILED"]);
        expect(answer.body.payload.issues[0].path).toBe("query.cursor");
      }
    }
  });

  it("an Idempotency-Key on a path and query of several KB works, and the key is scoped by principal, method and canonical path", async () => {
    const lead = await newContact(app);
    const longQuery = `?padding=${"p".repeat(4_000)}`;
    const first = await app.call("POST", `/v3/org/org_a/lead/chatroom${longQuery}`, { body: { lead_id: lead.id }, headers: { "idempotency-key": "long-path" } });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const again = await app.call("POST", `/v3/org/org_a/lead/chatroom${longQuery}`, { body: { lead_id: lead.id }, headers: { "idempotency-key": "long-path" } });
    expect(again.headers.get("idempotent-replayed")).toBe("true");

    // A second key of the same user shares the scope: the work is not done again.
    const second = await createApiKey(app.database.db, { owner: { user: "u_admin_a" }, now: app.clock.now() });
    const other = await newContact(app);
    const headers = { "idempotency-key": "same-user-two-keys" };
    const once = await app.call("POST", "/v3/org/org_a/lead/chatroom", { body: { lead_id: other.id }, headers });
    const viaSecondKey = await app.call("POST", "/v3/org/org_a/lead/chatroom", { token: second.token, body: { lead_id: other.id }, headers });
    expect(viaSecondKey.headers.get("idempotent-replayed")).toBe("true");
    expect(viaSecondKey.body).toEqual(once.body);
    // The same path spelled differently (escapes, query order) is the same scope.
    const activate = (path: string) =>
      app.call("PUT", path, { headers: { "idempotency-key": "canonical-path" }, rawBody: "", token: second.token });
    const spelled = await activate(`/v1/org/org_a/contacts/chatroom/${once.body.chatroom_id}/activate?force_deactivate=false&x=1`);
    const respelled = await activate(`/v1/org/%6Frg_a/contacts/chatroom/${once.body.chatroom_id}/activate?x=1&force_deactivate=false`);
    expect(spelled.status).toBe(200);
    expect(respelled.headers.get("idempotent-replayed")).toBe("true");
  });
});

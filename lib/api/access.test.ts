import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createApiKey, revokeApiKey } from "@/lib/principals/api-keys";
import { apiKeys } from "@/lib/db/schema";
import { hashToken } from "@/lib/secrets";
import { useTestApp } from "@/lib/testing/app";
import { accountIds, tokens } from "@/lib/testing/fixture";

/**
 * The access matrix of the endpoints (lib/api/endpoints.ts), generated from one table: every endpoint × every
 * kind of caller. Each request is one that, once past access control, answers `passes` without changing anything.
 */
interface Endpoint {
  method: string;
  path: string;
  body?: unknown;
  role: "MEMBER" | "ADMIN";
  impersonation: boolean;
  orgScoped?: boolean;
  passes: number;
}

const missingRoom = "cr_missing";
const endpoints: Endpoint[] = [
  { method: "POST", path: "/v3/org/org_a/lead/chatroom", body: { lead_id: "c_missing" }, role: "ADMIN", impersonation: false, passes: 404 },
  {
    method: "POST",
    path: `/v3/org/org_a/lead/chatroom/${missingRoom}/reassign`,
    body: { assign_details: { assign_mode: "USER", user_id: "u_agent1" } },
    role: "ADMIN",
    impersonation: false,
    passes: 404,
  },
  { method: "POST", path: "/v2/org/org_a/chatroom", body: { user_id: "u_agent1", contact_id: "c_missing" }, role: "ADMIN", impersonation: false, passes: 404 },
  { method: "POST", path: `/v2/org/org_a/waba/chatroom/${missingRoom}/reassign`, body: { user_id: "u_agent1" }, role: "ADMIN", impersonation: false, passes: 404 },
  { method: "PUT", path: `/v1/org/org_a/contacts/chatroom/${missingRoom}/deactivate`, body: {}, role: "ADMIN", impersonation: true, passes: 404 },
  { method: "PUT", path: `/v1/org/org_a/contacts/chatroom/${missingRoom}/activate?force_deactivate=false`, role: "ADMIN", impersonation: false, passes: 404 },
  { method: "GET", path: "/v1/org/org_a/chatroom/contact/c_missing", role: "MEMBER", impersonation: true, passes: 404 },
  { method: "GET", path: "/v1/orgs", role: "MEMBER", impersonation: true, orgScoped: false, passes: 200 },
  { method: "POST", path: "/v2/org/org_a/contact", body: { crm_id: "", phone_number: "12" }, role: "ADMIN", impersonation: false, passes: 400 },
  { method: "PUT", path: "/v1/orgs/org_a/contact/c_missing", body: { first_name: "X" }, role: "ADMIN", impersonation: false, passes: 404 },
  { method: "GET", path: "/v1/org/org_a/contacts?q=kumar", role: "MEMBER", impersonation: true, passes: 200 },
  { method: "GET", path: "/v1/org/org_a/contacts/c_missing", role: "MEMBER", impersonation: true, passes: 404 },
  { method: "GET", path: "/v1/org/org_a/chatrooms?status=active", role: "MEMBER", impersonation: true, passes: 200 },
  { method: "GET", path: `/v1/org/org_a/chatrooms/${missingRoom}`, role: "MEMBER", impersonation: true, passes: 404 },
  { method: "GET", path: "/v1/org/org_a/conflicts", role: "ADMIN", impersonation: true, passes: 200 },
  { method: "GET", path: "/v1/org/org_a/audit", role: "ADMIN", impersonation: true, passes: 200 },
  { method: "GET", path: "/v1/org/org_a/config", role: "MEMBER", impersonation: true, passes: 200 },
  { method: "PUT", path: "/v1/org/org_a/config", body: {}, role: "ADMIN", impersonation: false, passes: 400 },
  { method: "GET", path: "/v1/org/org_a/wabas", role: "MEMBER", impersonation: true, passes: 200 },
  { method: "GET", path: "/v1/org/org_a/users", role: "MEMBER", impersonation: true, passes: 200 },
  { method: "GET", path: "/v1/org/org_a/groups", role: "MEMBER", impersonation: true, passes: 200 },
  { method: "GET", path: `/v1/org/org_a/chatrooms/${missingRoom}/messages`, role: "MEMBER", impersonation: true, passes: 404 },
  { method: "POST", path: `/v1/org/org_a/chatrooms/${missingRoom}/messages`, body: { text: "hi" }, role: "MEMBER", impersonation: true, passes: 404 },
  { method: "GET", path: "/v1/org/org_a/messages/unrouted", role: "ADMIN", impersonation: true, passes: 200 },
  { method: "GET", path: "/v1/org/org_a/events", role: "MEMBER", impersonation: true, passes: 200 },
  // A stream that passes would never end: a bad position answers once access is granted.
  { method: "GET", path: "/v1/org/org_a/events/stream?after=zz", role: "MEMBER", impersonation: true, passes: 400 },
  { method: "GET", path: "/v1/org/org_a/webhooks", role: "ADMIN", impersonation: false, passes: 200 },
  { method: "POST", path: "/v1/org/org_a/webhooks", body: { url: "", types: [] }, role: "ADMIN", impersonation: false, passes: 400 },
  { method: "GET", path: "/v1/org/org_a/webhooks/wh_missing", role: "ADMIN", impersonation: false, passes: 404 },
  { method: "PATCH", path: "/v1/org/org_a/webhooks/wh_missing", body: { description: "x" }, role: "ADMIN", impersonation: false, passes: 404 },
  { method: "DELETE", path: "/v1/org/org_a/webhooks/wh_missing", role: "ADMIN", impersonation: false, passes: 404 },
  { method: "POST", path: "/v1/org/org_a/webhooks/wh_missing/test", role: "ADMIN", impersonation: false, passes: 404 },
  { method: "GET", path: "/v1/org/org_a/webhooks/wh_missing/deliveries", role: "ADMIN", impersonation: false, passes: 404 },
  { method: "POST", path: "/v1/org/org_a/webhooks/wh_missing/deliveries/1/redeliver", role: "ADMIN", impersonation: false, passes: 404 },
];

const REVOKED = "test-token-revoked-key".padEnd(40, "0");
const DISABLED_USER = "test-token-disabled-user".padEnd(40, "0");

interface Caller {
  name: string;
  token: string | null;
  headers?: Record<string, string>;
  expect(endpoint: Endpoint): number | string;
}

const authenticatedAs = (role: "MEMBER" | "ADMIN") => (endpoint: Endpoint) =>
  endpoint.role === "ADMIN" && role === "MEMBER" ? "FORBIDDEN" : endpoint.passes;

const callers: Caller[] = [
  { name: "no token", token: null, expect: () => "UNAUTHORIZED" },
  { name: "malformed token", token: "", headers: { authorization: "Basic dXNlcjpwYXNz" }, expect: () => "UNAUTHORIZED" },
  { name: "unknown token", token: "test-token-nobody-knows-this".padEnd(40, "0"), expect: () => "UNAUTHORIZED" },
  { name: "revoked token", token: REVOKED, expect: () => "UNAUTHORIZED" },
  { name: "MEMBER", token: tokens.memberA, expect: authenticatedAs("MEMBER") },
  { name: "ADMIN", token: tokens.adminA, expect: authenticatedAs("ADMIN") },
  {
    name: "ADMIN of another org",
    token: tokens.adminB,
    expect: (endpoint) => (endpoint.orgScoped === false ? endpoint.passes : "ORG_ACCESS_DENIED"),
  },
  { name: "linked partner", token: tokens.partnerLinked, expect: authenticatedAs("ADMIN") },
  {
    name: "unlinked partner",
    token: tokens.partnerOther,
    expect: (endpoint) => (endpoint.orgScoped === false ? endpoint.passes : "ORG_ACCESS_DENIED"),
  },
  {
    name: "partner impersonating an ADMIN",
    token: tokens.partnerLinked,
    headers: { "x-impersonate-user": "u_admin_a" },
    expect: (endpoint) => (endpoint.impersonation ? endpoint.passes : "IMPERSONATION_NOT_ALLOWED"),
  },
  {
    name: "ADMIN impersonating a MEMBER",
    token: tokens.adminA,
    headers: { "x-impersonate-user": "u_member_a" },
    expect: (endpoint) =>
      !endpoint.impersonation ? "IMPERSONATION_NOT_ALLOWED" : endpoint.role === "ADMIN" ? "FORBIDDEN" : endpoint.passes,
  },
  {
    name: "MEMBER trying to impersonate",
    token: tokens.memberA,
    headers: { "x-impersonate-user": "u_admin_a" },
    expect: () => "IMPERSONATION_NOT_ALLOWED",
  },
  {
    name: "ADMIN impersonating a disabled user",
    token: tokens.adminA,
    headers: { "x-impersonate-user": "u_disabled" },
    expect: () => "IMPERSONATION_NOT_ALLOWED",
  },
  {
    name: "a user key sending X-On-Behalf-Of",
    token: tokens.adminA,
    headers: { "x-on-behalf-of": "acc_someone" },
    expect: () => "FORBIDDEN",
  },
  { name: "console on its own", token: tokens.console, expect: (endpoint) => endpoint.passes },
  // X-On-Behalf-Of: the console runs with the named person's rights.
  { name: "console on behalf of an org ADMIN", token: tokens.console, headers: { "x-on-behalf-of": accountIds.adminA }, expect: authenticatedAs("ADMIN") },
  { name: "console on behalf of an org MEMBER", token: tokens.console, headers: { "x-on-behalf-of": accountIds.memberA }, expect: authenticatedAs("MEMBER") },
  {
    name: "console on behalf of another org's ADMIN",
    token: tokens.console,
    headers: { "x-on-behalf-of": accountIds.adminB },
    expect: (endpoint) => (endpoint.orgScoped === false ? endpoint.passes : "ORG_ACCESS_DENIED"),
  },
  {
    name: "console on behalf of a linked partner's member",
    token: tokens.console,
    headers: { "x-on-behalf-of": accountIds.partnerLinked },
    expect: authenticatedAs("ADMIN"),
  },
  {
    name: "console on behalf of an org MEMBER impersonating someone",
    token: tokens.console,
    headers: { "x-on-behalf-of": accountIds.memberA, "x-impersonate-user": "u_admin_a" },
    expect: () => "IMPERSONATION_NOT_ALLOWED",
  },
  {
    name: "console on behalf of a support agent, with a note",
    token: tokens.console,
    headers: { "x-on-behalf-of": accountIds.support, "x-audit-note": "ticket 42" },
    expect: (endpoint) => endpoint.passes,
  },
  {
    name: "console on behalf of a support agent, without a note",
    token: tokens.console,
    headers: { "x-on-behalf-of": accountIds.support },
    expect: (endpoint) => (endpoint.method === "GET" ? endpoint.passes : "VALIDATION_FAILED"),
  },
  { name: "console on behalf of an unknown account", token: tokens.console, headers: { "x-on-behalf-of": "acc_nobody" }, expect: () => "FORBIDDEN" },
  {
    name: "console on behalf of a disabled user's account",
    token: tokens.console,
    headers: { "x-on-behalf-of": accountIds.disabled },
    expect: () => "FORBIDDEN",
  },
];

const STATUS: Record<string, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  ORG_ACCESS_DENIED: 403,
  IMPERSONATION_NOT_ALLOWED: 403,
};

describe("access matrix", () => {
  const app = useTestApp();
  beforeAll(async () => {
    await app.database.db
      .insert(apiKeys)
      .values([
        { id: "k_revoked", tokenHash: hashToken(REVOKED), principalType: "user", userId: "u_admin_a", revokedAt: new Date() },
        { id: "k_disabled", tokenHash: hashToken(DISABLED_USER), principalType: "user", userId: "u_disabled" },
      ]);
  });

  for (const endpoint of endpoints) {
    describe(`${endpoint.method} ${endpoint.path}`, () => {
      for (const caller of callers) {
        const expected = caller.expect(endpoint);
        it(`${caller.name} → ${expected}`, async () => {
          const answer = await app.call(endpoint.method, endpoint.path, {
            token: caller.token === "" ? null : caller.token,
            body: endpoint.body,
            headers: caller.headers,
          });
          if (typeof expected === "string") {
            expect(answer.status).toBe(STATUS[expected]);
            expect(answer.body.error_message).toBe(expected);
          } else {
            expect(answer.status, JSON.stringify(answer.body)).toBe(expected);
          }
        });
      }
    });
  }

  it("a key of a disabled user is refused", async () => {
    const answer = await app.call("GET", "/v1/org/org_a/config", { token: DISABLED_USER });
    expect(answer.status).toBe(401);
  });

  it("a used key records last_used_at", async () => {
    const [before] = await app.database.db.select().from(apiKeys).where(eq(apiKeys.id, "k_agent1_a"));
    expect(before!.lastUsedAt).toBeNull();
    await app.call("GET", "/v1/org/org_a/config", { token: tokens.agent1A });
    const [after] = await app.database.db.select().from(apiKeys).where(eq(apiKeys.id, "k_agent1_a"));
    expect(after!.lastUsedAt).not.toBeNull();
  });

  it("another org's chatroom is a 404, never its data", async () => {
    const lead = await app.call("POST", "/v3/org/org_b/lead/chatroom", { token: tokens.adminB, body: { lead_id: "c_b1" } });
    expect(lead.status).toBe(200);
    const peek = await app.call("GET", `/v1/org/org_a/chatrooms/${lead.body.chatroom_id}`);
    expect(peek.status).toBe(404);
    expect(peek.body.payload).toEqual({ kind: "chatroom", id: lead.body.chatroom_id });
    const viaContact = await app.call("GET", "/v1/org/org_a/chatroom/contact/c_b1");
    expect(viaContact.body.payload.kind).toBe("contact");
  });
});

describe("API keys", () => {
  const app = useTestApp();

  it("a created key works at once and answers 401 once revoked; only its hash is stored", async () => {
    const key = await createApiKey(app.database.db, { owner: { user: "u_admin_a" }, now: app.clock.now() });
    expect(Buffer.from(key.token.replace(/^sbk_/, ""), "base64url").length).toBeGreaterThanOrEqual(32);
    expect((await app.call("GET", "/v1/org/org_a/config", { token: key.token })).status).toBe(200);
    const [stored] = await app.database.db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(stored!.tokenHash).toBe(hashToken(key.token));
    expect(JSON.stringify(stored)).not.toContain(key.token);
    expect(await revokeApiKey(app.database.db, { id: key.id, now: app.clock.now() })).toBe(true);
    expect((await app.call("GET", "/v1/org/org_a/config", { token: key.token })).status).toBe(401);
    expect(await revokeApiKey(app.database.db, { id: key.id, now: app.clock.now() })).toBe(false);
  });
});

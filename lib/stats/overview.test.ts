import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { useTestApp } from "@/lib/testing/app";
import { tokens } from "@/lib/testing/fixture";
import { createRoom, newContact, newOrg, type TestOrg } from "@/lib/testing/helpers";

/**
 * The overview's figures over HTTP, on a history played with a frozen clock in an org of the test's own
 * (inactivity 3 days, expiry 5 days), read at 2030-03-05 12:00 UTC.
 */
describe("the org's statistics", () => {
  const app = useTestApp();
  let org: TestOrg;
  const NOW = "2030-03-05T12:00:00.000Z";
  const rooms: Record<string, string> = {};
  let conflictPhone = "";

  const at = (iso: string) => {
    app.clock.setFrozen(true);
    app.clock.set(new Date(iso));
  };
  const stats = (query = "", token = org.token, orgId = org.id) => app.call("GET", `/v1/org/${orgId}/stats${query}`, { token });
  const room = async (name: string, assignment: Record<string, unknown> = {}) => {
    const lead = await newContact(app, {}, org);
    const answer = await createRoom(app, { lead_id: lead.id, ...assignment }, org);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    rooms[name] = answer.body.chatroom_id;
    return lead;
  };
  const change = async (name: string, action: "deactivate" | "activate", body?: unknown) => {
    const answer = await app.call("PUT", `/v1/org/${org.id}/contacts/chatroom/${rooms[name]}/${action}`, { token: org.token, body });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  };
  const user = (userId: string) => ({ assign_details: { assign_mode: "USER", user_id: userId } });

  beforeAll(async () => {
    org = await newOrg(app, {
      users: ["ana", "bo"],
      disabled: ["gone"],
      groups: { sales: ["ana", "bo"] },
      config: { inactivity_days: 3, expiry_days: 5, group_strategy: "LEAST_ACTIVE" },
    });
    try {
      at("2030-02-26T10:00:00.000Z");
      await room("idle"); // INACTIVITY at 03-01 10:00 (never written out), expiry at 03-03 10:00
      at("2030-02-28T10:00:00.000Z");
      await room("reopened");
      at("2030-03-01T10:00:00.000Z");
      await room("soon", user(org.user.ana!));
      at("2030-03-02T10:00:00.000Z");
      await change("reopened", "deactivate");
      await change("reopened", "activate"); // inactivity now 03-05 10:00, at its expiry: it expires, never deactivated
      at("2030-03-04T10:00:00.000Z");
      await change("soon", "deactivate", { deactivation_reason: "SPAM" });
      await change("soon", "activate"); // active again, expiring at 03-06 10:00
      const held = await room("held", user(org.user.ana!));
      await room("dropped", user(org.user.bo!));
      await room("nobody");
      await room("handover", { assign_details: { assign_mode: "USER", user_id: org.user.bo, assign_on_handover: true } });
      conflictPhone = held.phone_number;
      at("2030-03-04T11:00:00.000Z");
      await change("dropped", "deactivate", { deactivation_reason: "WRONG_NUMBER" });
      at("2030-03-04T12:00:00.000Z");
      const sharer = await newContact(app, { phone_number: conflictPhone }, org);
      const refused = await createRoom(app, { lead_id: sharer.id }, org);
      expect(refused.body.error_message).toBe("CHATROOM_EXISTS_FOR_PHONE");
    } finally {
      app.clock.setFrozen(false);
    }
  });

  afterEach(() => {
    app.clock.setFrozen(false);
  });

  it("R4: counts what is active now and what closed in the period, lapses not yet written out included, as of their deadlines", async () => {
    at(NOW);
    const answer = await stats("?from=2030-03-01&to=2030-03-05");
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({ org_id: org.id, generated_at: NOW, from: "2030-03-01", to: "2030-03-05" });
    expect(answer.body.counts).toEqual({
      active: 4,
      pending_handover: 1,
      unassigned: 1,
      expiring_soon: 1,
      deactivated_in_period: 2,
      expired_in_period: 2,
    });
    expect(answer.body.daily).toEqual([
      { date: "2030-03-01", opened: 1, closed: 1 },
      { date: "2030-03-02", opened: 0, closed: 0 },
      { date: "2030-03-03", opened: 0, closed: 0 },
      { date: "2030-03-04", opened: 4, closed: 1 },
      { date: "2030-03-05", opened: 0, closed: 1 },
    ]);
    expect(answer.body.deactivation_reasons).toEqual([
      { reason: "INACTIVITY", count: 1 },
      { reason: "WRONG_NUMBER", count: 1 },
    ]);
  });

  it("R6: a chatroom deactivated and then expired closed once, at its deactivation; one activated again counts as neither", async () => {
    at(NOW);
    const early = await stats("?from=2030-03-01&to=2030-03-01");
    // "idle" lapsed for inactivity on 03-01 and expired on 03-03: closed on 03-01, expired outside this period.
    expect(early.body.daily).toEqual([{ date: "2030-03-01", opened: 1, closed: 1 }]);
    expect(early.body.counts).toMatchObject({ deactivated_in_period: 1, expired_in_period: 0 });
    const later = await stats("?from=2030-03-03&to=2030-03-03");
    expect(later.body.daily).toEqual([{ date: "2030-03-03", opened: 0, closed: 0 }]);
    expect(later.body.counts).toMatchObject({ deactivated_in_period: 0, expired_in_period: 1 });
  });

  it("R4: a deadline is counted from the instant it is reached, not before", async () => {
    at("2030-03-05T09:59:59.999Z");
    const before = await stats("?from=2030-03-05&to=2030-03-05");
    expect(before.body.counts.expired_in_period).toBe(0);
    expect(before.body.counts.active).toBe(5);
    at("2030-03-05T10:00:00.000Z");
    const reached = await stats("?from=2030-03-05&to=2030-03-05");
    expect(reached.body.counts.expired_in_period).toBe(1);
    expect(reached.body.counts.active).toBe(4);
  });

  it("R25: counts the conflict log's refusals per day for an admin; a member gets null, as the log is closed to it", async () => {
    at(NOW);
    const admin = await stats("?from=2030-03-03&to=2030-03-05");
    expect(admin.body.conflicts_per_day).toEqual([
      { date: "2030-03-03", count: 0 },
      { date: "2030-03-04", count: 1 },
      { date: "2030-03-05", count: 0 },
    ]);
    const asAdmin = await stats("", tokens.adminA, "org_a");
    const asMember = await stats("", tokens.memberA, "org_a");
    expect(asMember.status, JSON.stringify(asMember.body)).toBe(200);
    expect(asMember.body.conflicts_per_day).toBeNull();
    expect(asAdmin.body.conflicts_per_day).toHaveLength(30);
    expect({ ...asMember.body, conflicts_per_day: "left out" }).toEqual({ ...asAdmin.body, conflicts_per_day: "left out" });
  });

  it("R19: load per agent: active chatrooms per current member, with each group's strategy; a disabled user without rooms left out", async () => {
    at(NOW);
    const answer = await stats();
    expect(answer.body.load.agents).toEqual([
      { user_id: org.user.ana, name: "ana", role: "MEMBER", active: true, active_chatrooms: 2, group_ids: [org.group.sales] },
      { user_id: expect.stringContaining("_admin"), name: "Admin", role: "ADMIN", active: true, active_chatrooms: 0, group_ids: [] },
      { user_id: org.user.bo, name: "bo", role: "MEMBER", active: true, active_chatrooms: 0, group_ids: [org.group.sales] },
    ]);
    expect(answer.body.load.groups).toEqual([
      { group_id: org.group.sales, name: "sales", strategy: "LEAST_ACTIVE", active_members: 2, active_chatrooms: 2 },
    ]);
  });

  it("R21: each count of active chatrooms equals the total of the chatroom list under the filter the overview links to", async () => {
    at(NOW);
    const { counts } = (await stats()).body;
    const total = async (query: string) => {
      const page = await app.call("GET", `/v1/org/${org.id}/chatrooms?${query}&limit=1`, { token: org.token });
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      return page.body.total.count;
    };
    expect(await total("status=active")).toBe(counts.active);
    expect(await total("pending_handover=true")).toBe(counts.pending_handover);
    expect(await total("status=active&unassigned=true")).toBe(counts.unassigned);
    expect(await total("expiring_within_hours=24")).toBe(counts.expiring_soon);
  });

  it("defaults to the last 30 days in UTC, today included", async () => {
    at(NOW);
    const answer = await stats();
    expect(answer.body).toMatchObject({ from: "2030-02-04", to: "2030-03-05" });
    expect(answer.body.daily).toHaveLength(30);
    expect(answer.body.daily.reduce((sum: number, day: { opened: number }) => sum + day.opened, 0)).toBe(7);
    const onlyTo = await stats("?to=2030-02-10");
    expect(onlyTo.body).toMatchObject({ from: "2030-01-12", to: "2030-02-10" });
  });

  it("refuses a bad period with VALIDATION_FAILED naming the parameter", async () => {
    at(NOW);
    const cases: [string, string][] = [
      ["?from=2030-03-05&to=2030-03-01", "query.from"],
      ["?from=2029-03-01&to=2030-03-02", "query.from"],
      ["?from=2030-02-30", "query.from"],
      ["?to=yesterday", "query.to"],
      ["?from=2030-03-01T00:00:00Z", "query.from"],
      ["?from=2030-03-06", "query.from"],
    ];
    for (const [query, path] of cases) {
      const answer = await stats(query);
      expect(answer.status, query).toBe(400);
      expect(answer.body, query).toMatchObject({ error_message: "VALIDATION_FAILED", payload: { issues: [expect.objectContaining({ path })] } });
    }
    const year = await stats("?from=2029-03-02&to=2030-03-02");
    expect(year.status).toBe(200);
    expect(year.body.daily).toHaveLength(366);
  });

  it("answers another org's caller with ORG_ACCESS_DENIED and no figures", async () => {
    const answer = await stats("", tokens.adminB);
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ error_message: "ORG_ACCESS_DENIED" });
    expect(answer.body.counts).toBeUndefined();
  });
});

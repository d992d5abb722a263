import { beforeAll, describe, expect, it } from "vitest";
import { provision } from "@/lib/provision/load";
import { useTestApp } from "@/lib/testing/app";
import { accountIds, tokens } from "@/lib/testing/fixture";
import { createRoom, newContact, newOrg, type TestOrg } from "@/lib/testing/helpers";

/** GET /v1/orgs/stats: the roll-up of every org the caller may see, and of no other. */
describe("the roll-up of several orgs", () => {
  const app = useTestApp();
  let north: TestOrg;
  let south: TestOrg;
  let elsewhere: TestOrg;
  const partnerToken = "test-token-rollup-partner-north-south-00";
  const otherPartnerToken = "test-token-rollup-partner-elsewhere-0000";
  const rollup = (token: string, headers: Record<string, string> = {}) =>
    app.call("GET", "/v1/orgs/stats", { token, headers });

  beforeAll(async () => {
    north = await newOrg(app, { users: ["ana"] });
    south = await newOrg(app, { users: ["bo"] });
    elsewhere = await newOrg(app);
    await provision(
      app.database.db,
      {
        partners: [
          { id: "p_rollup_ns", name: "North and South", orgs: [north.id, south.id] },
          { id: "p_rollup_else", name: "Elsewhere", orgs: [elsewhere.id] },
        ],
        api_keys: [
          { id: "k_rollup_ns", token: partnerToken, partner: "p_rollup_ns" },
          { id: "k_rollup_else", token: otherPartnerToken, partner: "p_rollup_else" },
        ],
      },
      app.clock,
    );
    // North: one assigned room, one waiting for a handover, and a refused create (a conflict); south: one unassigned.
    const held = await newContact(app, {}, north);
    expect(
      (
        await createRoom(
          app,
          { lead_id: held.id, assign_details: { assign_mode: "USER", user_id: north.user.ana } },
          north,
        )
      ).status,
    ).toBe(200);
    const waiting = await newContact(app, {}, north);
    const handover = { assign_details: { assign_mode: "USER", user_id: north.user.ana, assign_on_handover: true } };
    expect((await createRoom(app, { lead_id: waiting.id, ...handover }, north)).status).toBe(200);
    const sharer = await newContact(app, { phone_number: held.phone_number }, north);
    expect((await createRoom(app, { lead_id: sharer.id }, north)).body.error_message).toBe("CHATROOM_EXISTS_FOR_PHONE");
    const lone = await newContact(app, {}, south);
    expect((await createRoom(app, { lead_id: lone.id }, south)).status).toBe(200);
  });

  it("a partner key gets exactly its partner's orgs, each with the counts of its own overview", async () => {
    const answer = await rollup(partnerToken);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.items.map((item: { org_id: string }) => item.org_id).sort()).toEqual(
      [north.id, south.id].sort(),
    );
    for (const item of answer.body.items) {
      const overview = await app.call("GET", `/v1/org/${item.org_id}/stats`, { token: partnerToken });
      expect(item.counts).toEqual(overview.body.counts);
      expect(item.name).toContain("Test org");
    }
    const byId = Object.fromEntries(answer.body.items.map((item: { org_id: string }) => [item.org_id, item]));
    expect(byId[north.id]).toMatchObject({
      counts: { active: 2, pending_handover: 1, unassigned: 0 },
      recent_conflicts: 1,
    });
    expect(byId[south.id]).toMatchObject({
      counts: { active: 1, pending_handover: 0, unassigned: 1 },
      recent_conflicts: 0,
    });
    expect(answer.body).toMatchObject({
      from: expect.any(String),
      to: expect.any(String),
      generated_at: expect.any(String),
    });
  });

  it("another partner never sees those orgs, nor their figures", async () => {
    const answer = await rollup(otherPartnerToken);
    expect(answer.status).toBe(200);
    expect(answer.body.items).toEqual([
      expect.objectContaining({ org_id: elsewhere.id, counts: expect.objectContaining({ active: 0 }) }),
    ]);
    const fixturePartner = await rollup(tokens.partnerLinked);
    expect(fixturePartner.body.items.map((item: { org_id: string }) => item.org_id)).toEqual(["org_a"]);
  });

  it("R25: an org's admin gets its one org; a member gets it too, without the conflict log's count", async () => {
    const admin = await rollup(north.token);
    expect(admin.body.items).toEqual([expect.objectContaining({ org_id: north.id, recent_conflicts: 1 })]);
    const member = await rollup(tokens.memberA);
    expect(member.status).toBe(200);
    expect(member.body.items).toEqual([expect.objectContaining({ org_id: "org_a", recent_conflicts: null })]);
  });

  it("the console on behalf of a support agent sees every org; on behalf of a partner member, the partner's", async () => {
    const support = await rollup(tokens.console, { "x-on-behalf-of": accountIds.support });
    expect(support.status, JSON.stringify(support.body)).toBe(200);
    const ids = support.body.items.map((item: { org_id: string }) => item.org_id);
    expect(ids).toEqual(expect.arrayContaining(["org_a", "org_b", "org_c", north.id, south.id, elsewhere.id]));
    const partnerMember = await rollup(tokens.console, { "x-on-behalf-of": accountIds.partnerLinked });
    expect(partnerMember.body.items.map((item: { org_id: string }) => item.org_id)).toEqual(["org_a"]);
  });

  it("refuses a caller without a key", async () => {
    const answer = await app.call("GET", "/v1/orgs/stats", { token: null });
    expect(answer.status).toBe(401);
    expect(answer.body.items).toBeUndefined();
  });
});

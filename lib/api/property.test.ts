import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestApp } from "@/lib/testing/app";
import { createRoom, newContact } from "@/lib/testing/helpers";
import { snapshotTables } from "@/lib/testing/snapshot";

/**
 * Random and mutated bodies for every endpoint that takes input: never a 5xx, and a refused request
 * changes no domain table (I3; bookkeeping tables such as the conflict log may change).
 */
describe("property: bad input never breaks anything", () => {
  const app = useTestApp();
  const rooms: string[] = [];
  const leads: string[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 3; i++) {
      const lead = await newContact(app);
      leads.push(lead.id);
      rooms.push((await createRoom(app, { lead_id: lead.id })).body.chatroom_id);
    }
    leads.push("c_1", "c_2", "c_missing");
    rooms.push("cr_missing");
  });

  const id = () => fc.oneof(fc.constantFrom(...leads, ...rooms, "u_agent1", "u_disabled", "g_sales", "g_empty", "waba_a2", "ph_a2", "ph_b1"), fc.string({ unit: "binary" }));
  /** A valid-looking body with fields replaced by anything, removed, or added. */
  const mutated = (valid: Record<string, unknown>) =>
    fc
      .tuple(
        fc.dictionary(fc.constantFrom(...Object.keys(valid), "unknown_field"), fc.oneof(fc.anything(), id(), fc.boolean())),
        fc.subarray(Object.keys(valid)),
      )
      .map(([replaced, removed]) => {
        const body: Record<string, unknown> = { ...valid, ...replaced };
        for (const key of removed) delete body[key];
        return JSON.stringify(body);
      });
  const anyBody = (valid: Record<string, unknown>) =>
    fc.oneof(mutated(valid), fc.anything({ stringUnit: "binary" }).map((value) => JSON.stringify(value) ?? "null"), fc.string({ unit: "binary" }));

  const assign = { assign_mode: "GROUP", group_id: "g_sales", user_id: "u_agent1", assign_on_handover: false };
  const cases: { name: string; method: string; path: fc.Arbitrary<string>; body?: fc.Arbitrary<string> }[] = [
    {
      name: "create v3",
      method: "POST",
      path: fc.constant("/v3/org/org_a/lead/chatroom"),
      body: fc.oneof(
        anyBody({ lead_id: "c_1", remote_waba_id: "waba_a1", remote_phone_id: "ph_a2", force_deactivate: true, fail_if_chatroom_exists_on_other_waba_phone: false, display_name: "x", assign_details: assign }),
        fc.record({ lead_id: id(), assign_details: fc.record({ assign_mode: fc.constantFrom("USER", "GROUP", "X"), user_id: id(), group_id: id() }, { requiredKeys: ["assign_mode"] }) }).map((b) => JSON.stringify(b)),
      ),
    },
    {
      name: "create v2",
      method: "POST",
      path: fc.constant("/v2/org/org_a/chatroom"),
      body: anyBody({ user_id: "u_agent1", contact_id: "c_2", remote_phone_id: "ph_a3", fail_if_chatroom_exists_on_other_wabaphone: false, assign_on_handover: true }),
    },
    {
      name: "reassign v3",
      method: "POST",
      path: id().map((room) => `/v3/org/org_a/lead/chatroom/${encodeURIComponent(room)}/reassign`),
      body: anyBody({ assign_details: assign }),
    },
    {
      name: "reassign v2",
      method: "POST",
      path: id().map((room) => `/v2/org/org_a/waba/chatroom/${encodeURIComponent(room)}/reassign`),
      body: anyBody({ user_id: "u_agent2" }),
    },
    {
      name: "deactivate",
      method: "PUT",
      path: id().map((room) => `/v1/org/org_a/contacts/chatroom/${encodeURIComponent(room)}/deactivate`),
      body: anyBody({ deactivation_reason: "SPAM" }),
    },
    {
      name: "activate",
      method: "PUT",
      path: fc
        .tuple(id(), fc.oneof(fc.constantFrom("true", "false"), fc.string()))
        .map(([room, force]) => `/v1/org/org_a/contacts/chatroom/${encodeURIComponent(room)}/activate?force_deactivate=${encodeURIComponent(force)}`),
    },
    {
      name: "create contact",
      method: "POST",
      path: fc.constant("/v2/org/org_a/contact"),
      body: anyBody({ crm_id: "CRM-1", phone_number: "+911111111111", first_name: "A", last_name: "B" }),
    },
    {
      name: "update contact",
      method: "PUT",
      path: id().map((contact) => `/v1/orgs/org_a/contact/${encodeURIComponent(contact)}`),
      body: anyBody({ crm_id: "CRM-2", first_name: "A*", last_name: "B" }),
    },
    { name: "config", method: "PUT", path: fc.constant("/v1/org/org_a/config"), body: anyBody({ inactivity_days: 3, expiry_days: 3651, history_visibility: "joined", group_strategy: "LEAST_ACTIVE" }) },
    {
      name: "lists",
      method: "GET",
      path: fc
        .tuple(fc.constantFrom("chatrooms", "contacts", "audit", "conflicts"), fc.dictionary(fc.constantFrom("limit", "cursor", "status", "sort", "q", "phone"), fc.string()))
        .map(([list, query]) => `/v1/org/org_a/${list}?${new URLSearchParams(query)}`),
    },
  ];

  it("create v3 with valid forced bodies: a rule's refusal after the forced deactivation rolls everything back (I3)", async () => {
    // Bodies that pass validation and name only existing things, so that most reach the rules: the lead's
    // rooms are deactivated first (R8), then an assignment or a conflict may refuse.
    const validForced = fc.record(
      {
        lead_id: fc.constantFrom(...leads.filter((lead) => lead !== "c_missing")),
        remote_phone_id: fc.constantFrom("ph_a1", "ph_a2", "ph_a3"),
        force_deactivate: fc.constant(true),
        fail_if_chatroom_exists_on_other_waba_phone: fc.boolean(),
        assign_details: fc.oneof(
          fc.record({ assign_mode: fc.constant("USER"), user_id: fc.constantFrom("u_agent1", "u_disabled", "u_disabled"), assign_on_handover: fc.boolean() }),
          fc.record({ assign_mode: fc.constant("GROUP"), group_id: fc.constantFrom("g_sales", "g_empty", "g_disabled"), assign_on_handover: fc.boolean() }),
        ),
      },
      { requiredKeys: ["lead_id", "force_deactivate", "assign_details"] },
    );
    const refusals: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(validForced, async (body) => {
        const before = await snapshotTables(app.database.db);
        const answer = await app.call("POST", "/v3/org/org_a/lead/chatroom", { body });
        expect(answer.status, `${JSON.stringify(body)} → ${JSON.stringify(answer.body)}`).toBeLessThan(500);
        if (answer.status >= 400) {
          expect(answer.status, JSON.stringify(answer.body)).toBe(409);
          refusals[answer.body.error_message] = (refusals[answer.body.error_message] ?? 0) + 1;
          expect(await snapshotTables(app.database.db)).toEqual(before);
        }
      }),
      { numRuns: 40 },
    );
    // The property reached the rules, not only validation (about two runs in three pick an unassignable target).
    expect(refusals.NO_ASSIGNABLE_USER ?? 0).toBeGreaterThanOrEqual(8);
  });

  for (const testCase of cases) {
    it(`${testCase.name}: never a 5xx, and a refused request changes no domain table`, async () => {
      await fc.assert(
        fc.asyncProperty(testCase.path, testCase.body ?? fc.constant(undefined), async (path, body) => {
          const before = await snapshotTables(app.database.db);
          const answer = await app.call(testCase.method, path, {
            rawBody: body,
            headers: body === undefined ? {} : { "content-type": "application/json" },
          });
          expect(answer.status, `${path} ${body} → ${JSON.stringify(answer.body)}`).toBeLessThan(500);
          expect(answer.body).toBeTypeOf("object");
          if (answer.status >= 400) {
            expect(answer.body).toMatchObject({ error_code: expect.any(Number), error_message: expect.any(String) });
            expect(await snapshotTables(app.database.db)).toEqual(before);
          }
        }),
        { numRuns: 60 },
      );
    });
  }
});

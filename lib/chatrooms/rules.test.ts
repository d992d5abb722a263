import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, chatrooms, contactWabaMappings } from "@/lib/db/schema";
import { useTestApp, type ApiAnswer } from "@/lib/testing/app";
import { accountIds, tokens } from "@/lib/testing/fixture";
import { createRoom, DAY, detail, newContact, newOrg, uniqueNumber, type TestOrg } from "@/lib/testing/helpers";

interface GroupPick {
  group_id: string;
  winner: string;
  strategy: string;
  reason: string;
  eligible: { user_id: string; active_chatrooms: number; last_picked_at: string | null }[];
}

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe("chatroom rules through the HTTP API", () => {
  const app = useTestApp();

  const eventsOf = (chatroomId: string) =>
    app.database.db.select().from(auditEvents).where(eq(auditEvents.chatroomId, chatroomId)).orderBy(auditEvents.id);

  it("R1: a chatroom expires expiry_days after creation, finally", async () => {
    const lead = await newContact(app);
    const created = await createRoom(app, { lead_id: lead.id });
    expect(created.status).toBe(200);
    const room = created.body;
    expect(new Date(room.expiry_ts).getTime() - app.clock.now().getTime()).toBeGreaterThan(29 * DAY);

    await app.call("PUT", "/__test__/clock", { body: { advance_ms: 31 * DAY }, token: null });
    const after = await app.call("GET", `/v1/org/org_a/chatroom/contact/${lead.id}`);
    expect(after.body).toMatchObject({ chatroom_id: room.chatroom_id, is_expired: true });
    const activate = await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${room.chatroom_id}/activate?force_deactivate=true`);
    expect(activate.status).toBe(409);
    expect(activate.body.error_message).toBe("CHATROOM_EXPIRED");
    // An expired room blocks nothing: a new one is created for the lead.
    const again = await createRoom(app, { lead_id: lead.id });
    expect(again.body).toMatchObject({ is_existing: false });
    expect(again.body.chatroom_id).not.toBe(room.chatroom_id);
  });

  it("R2: a chatroom without inbound activity is deactivated for INACTIVITY at its deadline", async () => {
    const lead = await newContact(app);
    const room = (await createRoom(app, { lead_id: lead.id })).body;
    const deadline = new Date(room.deactivation_ts).getTime();
    expect(deadline - app.clock.now().getTime()).toBeGreaterThan(6.9 * DAY);

    app.clock.set(new Date(deadline - 5_000));
    expect((await detail(app, room.chatroom_id)).status).toBe("active");
    app.clock.set(new Date(deadline));
    const lapsed = await detail(app, room.chatroom_id);
    expect(lapsed).toMatchObject({ status: "deactivated", is_deactivated: true, is_expired: false, deactivation_reason: "INACTIVITY" });
    expect(lapsed.deactivation_ts).toBe(new Date(deadline).toISOString());
  });

  it("R3: a deactivated chatroom can be activated again unless it is expired", async () => {
    const lead = await newContact(app);
    const room = (await createRoom(app, { lead_id: lead.id })).body;
    await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${room.chatroom_id}/deactivate`, { body: { deactivation_reason: "SPAM" } });
    const activated = await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${room.chatroom_id}/activate`);
    expect(activated.status).toBe(200);
    expect(activated.body).toMatchObject({ is_deactivated: false, is_expired: false, is_existing: true });
  });

  it("R4: a lapsed chatroom never blocks; reads compute without writing; a create writes the lapse dated at its deadline", async () => {
    const number = uniqueNumber();
    const first = await newContact(app, { phone_number: number });
    const second = await newContact(app, { phone_number: number });
    const room = (await createRoom(app, { lead_id: first.id })).body;
    app.clock.advance(8 * DAY);

    const read = await detail(app, room.chatroom_id);
    expect(read.status).toBe("deactivated");
    const [stored] = await app.database.db.select().from(chatrooms).where(eq(chatrooms.id, room.chatroom_id));
    expect(stored!.deactivatedAt).toBeNull();
    expect((await eventsOf(room.chatroom_id)).map((event) => event.action)).toEqual(["chatroom.created"]);

    const created = await createRoom(app, { lead_id: second.id });
    expect(created.status).toBe(200);
    const events = await eventsOf(room.chatroom_id);
    const lapse = events.find((event) => event.action === "chatroom.deactivated");
    expect(lapse).toMatchObject({ actorType: "system", changes: { deactivation_reason: { before: null, after: "INACTIVITY" } } });
    expect(lapse!.at.toISOString()).toBe(room.deactivation_ts);
  });

  it("R6: responses carry the state flags and ISO-8601 UTC timestamps with milliseconds; expired wins", async () => {
    const lead = await newContact(app);
    const room = (await createRoom(app, { lead_id: lead.id })).body;
    for (const field of ["expiry_ts", "deactivation_ts"]) expect(room[field]).toMatch(ISO_MS);
    await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${room.chatroom_id}/deactivate`, { body: {} });
    const deactivated = await detail(app, room.chatroom_id);
    expect(deactivated).toMatchObject({ status: "deactivated", is_deactivated: true, deactivation_reason: "AGENT_REQUEST" });
    app.clock.advance(31 * DAY);
    const expired = await detail(app, room.chatroom_id);
    expect(expired).toMatchObject({ status: "expired", is_deactivated: true, is_expired: true });
    for (const field of ["created_at", "last_activity_at", "expiry_ts", "deactivation_ts"]) expect(expired[field]).toMatch(ISO_MS);
  });

  it("R7: the target phone follows remote_phone_id, then the WABA, then the mapping, then the org's first phone", async () => {
    const lead = await newContact(app);
    const defaultRoom = (await createRoom(app, { lead_id: lead.id })).body;
    expect((await detail(app, defaultRoom.chatroom_id)).remote_phone_id).toBe("ph_a1");

    const byWaba = await newContact(app);
    const wabaRoom = (await createRoom(app, { lead_id: byWaba.id, remote_waba_id: "waba_a2" })).body;
    expect((await detail(app, wabaRoom.chatroom_id)).remote_phone_id).toBe("ph_a3");

    const byPhone = await newContact(app);
    const phoneRoom = (await createRoom(app, { lead_id: byPhone.id, remote_phone_id: "ph_a2" })).body;
    expect((await detail(app, phoneRoom.chatroom_id)).remote_phone_id).toBe("ph_a2");
    // The mapping (ph_a2) is used for the next room when nothing is named.
    await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${phoneRoom.chatroom_id}/deactivate`, { body: {} });
    const mapped = (await createRoom(app, { lead_id: byPhone.id })).body;
    expect((await detail(app, mapped.chatroom_id)).remote_phone_id).toBe("ph_a2");

    const unknownWaba = await createRoom(app, { lead_id: lead.id, remote_waba_id: "waba_nope" });
    expect(unknownWaba.status).toBe(404);
    expect(unknownWaba.body.payload.kind).toBe("waba");
    const wrongPair = await createRoom(app, { lead_id: lead.id, remote_waba_id: "waba_a2", remote_phone_id: "ph_a1" });
    expect(wrongPair.status).toBe(404);
    expect(wrongPair.body.payload.kind).toBe("waba_phone");
    const otherOrgsPhone = await createRoom(app, { lead_id: lead.id, remote_phone_id: "ph_b1" });
    expect(otherOrgsPhone.body.payload.kind).toBe("waba_phone");
    const noPhones = await app.call("POST", "/v3/org/org_c/lead/chatroom", { token: tokens.adminC, body: { lead_id: "c_c1" } });
    expect(noPhones.status).toBe(409);
    expect(noPhones.body.error_message).toBe("NO_WABA_PHONE");
  });

  it("R7: the org's first phone and a WABA's first phone are first by position, not by id", async () => {
    // Positions z, m (WABA "second"), y, b (WABA "first"); by id the order would be b, m, y, z.
    const org = await newOrg(app, { wabas: { second: ["z", "m"], first: ["y", "b"] } });
    const { z, m, y } = org.phone;
    const onPhone = async (body: Record<string, unknown>) => {
      const answer = await createRoom(app, body, org);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return { id: answer.body.chatroom_id as string, phone: (await detail(app, answer.body.chatroom_id, org)).remote_phone_id as string };
    };
    expect((await onPhone({ lead_id: (await newContact(app, {}, org)).id })).phone).toBe(z);
    expect((await onPhone({ lead_id: (await newContact(app, {}, org)).id, remote_waba_id: org.waba.first })).phone).toBe(y);
    expect((await onPhone({ lead_id: (await newContact(app, {}, org)).id, remote_waba_id: org.waba.second })).phone).toBe(z);

    // The mapped phone comes before the first phone, unless another WABA is named.
    const mapped = await newContact(app, {}, org);
    const onM = await onPhone({ lead_id: mapped.id, remote_phone_id: m });
    await app.call("PUT", `/v1/org/${org.id}/contacts/chatroom/${onM.id}/deactivate`, { token: org.token, body: {} });
    const again = await onPhone({ lead_id: mapped.id });
    expect(again.phone).toBe(m);
    await app.call("PUT", `/v1/org/${org.id}/contacts/chatroom/${again.id}/deactivate`, { token: org.token, body: {} });
    const inSameWaba = await onPhone({ lead_id: mapped.id, remote_waba_id: org.waba.second });
    expect(inSameWaba.phone).toBe(m);
    await app.call("PUT", `/v1/org/${org.id}/contacts/chatroom/${inSameWaba.id}/deactivate`, { token: org.token, body: {} });
    expect((await onPhone({ lead_id: mapped.id, remote_waba_id: org.waba.first })).phone).toBe(y);
  });

  it("R11: the next free phone is the next by position, wrapping around, within the named WABA only", async () => {
    const org = await newOrg(app, { wabas: { second: ["z", "m"], first: ["y", "b"] } });
    const { z, m, y, b } = org.phone;
    const number = uniqueNumber();
    const relaxed = { fail_if_chatroom_exists_on_other_waba_phone: false };
    const phoneOf = async (body: Record<string, unknown>) => {
      const lead = await newContact(app, { phone_number: number }, org);
      const answer = await createRoom(app, { lead_id: lead.id, ...relaxed, ...body }, org);
      return answer.status === 200 ? (await detail(app, answer.body.chatroom_id, org)).remote_phone_id : answer.body.error_message;
    };
    expect(await phoneOf({ remote_phone_id: y })).toBe(y);
    expect(await phoneOf({ remote_phone_id: y })).toBe(b);
    // y and b busy: within WABA "first" nothing is free, across the org it wraps around to z, then m.
    expect(await phoneOf({ remote_waba_id: org.waba.first })).toBe("NO_WABA_PHONE_AVAILABLE");
    expect(await phoneOf({ remote_phone_id: y })).toBe(z);
    expect(await phoneOf({ remote_phone_id: y })).toBe(m);
    expect(await phoneOf({})).toBe("NO_WABA_PHONE_AVAILABLE");
  });

  it("R8: force_deactivate closes the lead's active chatroom with FORCE_NEW_CHATROOM and creates a new one", async () => {
    const lead = await newContact(app);
    const old = (await createRoom(app, { lead_id: lead.id })).body;
    const forced = await createRoom(app, { lead_id: lead.id, force_deactivate: true, remote_phone_id: "ph_a3" });
    expect(forced.status).toBe(200);
    expect(forced.body.is_existing).toBe(false);
    expect(await detail(app, old.chatroom_id)).toMatchObject({ status: "deactivated", deactivation_reason: "FORCE_NEW_CHATROOM" });

    // When a later rule fails, the forced deactivation is rolled back too (I3).
    const blocked = await createRoom(app, {
      lead_id: lead.id,
      force_deactivate: true,
      assign_details: { assign_mode: "USER", user_id: "u_disabled" },
    });
    expect(blocked.status).toBe(409);
    expect((await detail(app, forced.body.chatroom_id)).status).toBe("active");
  });

  it("R9: the lead's active chatroom is returned as existing, unless another phone is named explicitly", async () => {
    const lead = await newContact(app);
    const room = (await createRoom(app, { lead_id: lead.id })).body;
    const same = await createRoom(app, { lead_id: lead.id });
    expect(same.body).toMatchObject({ chatroom_id: room.chatroom_id, is_existing: true });
    const sameWaba = await createRoom(app, { lead_id: lead.id, remote_waba_id: "waba_a1" });
    expect(sameWaba.body).toMatchObject({ chatroom_id: room.chatroom_id, is_existing: true });
    const samePhone = await createRoom(app, { lead_id: lead.id, remote_phone_id: "ph_a1" });
    expect(samePhone.body.chatroom_id).toBe(room.chatroom_id);

    const otherPhone = await createRoom(app, { lead_id: lead.id, remote_phone_id: "ph_a2" });
    expect(otherPhone.status).toBe(409);
    expect(otherPhone.body.error_message).toBe("LEAD_HAS_ACTIVE_CHATROOM");
    expect(otherPhone.body.payload.conflicts[0]).toMatchObject({ chatroom_id: room.chatroom_id, contact_id: lead.id, status: "active" });
    const otherWaba = await createRoom(app, { lead_id: lead.id, remote_waba_id: "waba_a2" });
    expect(otherWaba.body.error_message).toBe("LEAD_HAS_ACTIVE_CHATROOM");

    // An existing room with nobody takes the request's assignment; one with a member keeps it.
    const taken = await createRoom(app, { lead_id: lead.id, assign_details: { assign_mode: "USER", user_id: "u_agent1" } });
    expect(taken.body.is_existing).toBe(true);
    expect((await detail(app, room.chatroom_id)).members.map((m: { user_id: string }) => m.user_id)).toEqual(["u_agent1"]);
    await createRoom(app, { lead_id: lead.id, assign_details: { assign_mode: "USER", user_id: "u_agent2" } });
    expect((await detail(app, room.chatroom_id)).members.map((m: { user_id: string }) => m.user_id)).toEqual(["u_agent1"]);
  });

  it("R10: strict mode refuses a number that another contact has an active chatroom for, on any phone", async () => {
    const number = uniqueNumber();
    const first = await newContact(app, { phone_number: number });
    const second = await newContact(app, { phone_number: number });
    const room = (await createRoom(app, { lead_id: first.id, remote_phone_id: "ph_a3" })).body;
    const refused = await createRoom(app, { lead_id: second.id, remote_phone_id: "ph_a1" });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error_code: 4090002, error_message: "CHATROOM_EXISTS_FOR_PHONE" });
    expect(refused.body.payload.conflicts).toEqual([
      {
        chatroom_id: room.chatroom_id,
        contact_id: first.id,
        crm_id: first.crm_id,
        phone_number: number,
        remote_waba_id: "waba_a2",
        remote_phone_id: "ph_a3",
        status: "active",
        assignee_user_id: null,
        pending_assignment: null,
        last_activity_at: expect.stringMatching(ISO_MS),
      },
    ]);
    // v2 reads the v3 spelling of the flag too; both spellings with different values are a 400.
    const both = await createRoom(app, {
      lead_id: second.id,
      fail_if_chatroom_exists_on_other_waba_phone: true,
      fail_if_chatroom_exists_on_other_wabaphone: false,
    });
    expect(both.status).toBe(400);
  });

  it("R11: relaxed mode takes the next free phone after the requested one, wrapping around", async () => {
    const number = uniqueNumber();
    const [a, b, c, d] = [
      await newContact(app, { phone_number: number }),
      await newContact(app, { phone_number: number }),
      await newContact(app, { phone_number: number }),
      await newContact(app, { phone_number: number }),
    ];
    const relaxed = { fail_if_chatroom_exists_on_other_waba_phone: false };
    const roomA = (await createRoom(app, { lead_id: a!.id, remote_phone_id: "ph_a2", ...relaxed })).body;
    const roomB = (await createRoom(app, { lead_id: b!.id, remote_phone_id: "ph_a2", ...relaxed })).body;
    expect((await detail(app, roomA.chatroom_id)).remote_phone_id).toBe("ph_a2");
    expect((await detail(app, roomB.chatroom_id)).remote_phone_id).toBe("ph_a3");
    const roomC = (await createRoom(app, { lead_id: c!.id, remote_phone_id: "ph_a2", ...relaxed })).body;
    expect((await detail(app, roomC.chatroom_id)).remote_phone_id).toBe("ph_a1");
    const none = await createRoom(app, { lead_id: d!.id, ...relaxed });
    expect(none.status).toBe(409);
    expect(none.body.error_message).toBe("NO_WABA_PHONE_AVAILABLE");
    expect(none.body.payload.conflicts).toHaveLength(3);
    // Within a named WABA only its phones are tried (v2 spelling of the flag).
    const inWaba = await app.call("POST", "/v2/org/org_a/chatroom", {
      body: { user_id: "u_agent1", contact_id: d!.id, remote_waba_id: "waba_a2", fail_if_chatroom_exists_on_other_wabaphone: false },
    });
    expect(inWaba.body.error_message).toBe("NO_WABA_PHONE_AVAILABLE");
    expect(inWaba.body.payload.conflicts.map((room: { remote_phone_id: string }) => room.remote_phone_id)).toEqual(["ph_a3"]);
  });

  it("R12: the new chatroom's phone becomes the contact's mapping, created or moved", async () => {
    const lead = await newContact(app);
    const mappingOf = async () =>
      (await app.database.db.select().from(contactWabaMappings).where(eq(contactWabaMappings.contactId, lead.id)))[0]?.remotePhoneId;
    expect(await mappingOf()).toBeUndefined();
    const room = (await createRoom(app, { lead_id: lead.id, remote_phone_id: "ph_a2" })).body;
    expect(await mappingOf()).toBe("ph_a2");
    await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${room.chatroom_id}/deactivate`, { body: {} });
    await createRoom(app, { lead_id: lead.id, remote_phone_id: "ph_a3" });
    expect(await mappingOf()).toBe("ph_a3");
  });

  it("R13: display names are derived from the contact and follow its renames; external_ref_id is Matrix-style", async () => {
    const lead = await newContact(app, { first_name: "Ana", last_name: "" });
    const room = (await createRoom(app, { lead_id: lead.id })).body;
    expect(room.external_ref_id).toMatch(/^![A-Za-z0-9_-]+:matrix\.a\.example$/);
    expect((await detail(app, room.chatroom_id)).display_name).toBe(`${lead.crm_id} Ana`);
    const renamed = await app.call("PUT", `/v1/orgs/org_a/contact/${lead.id}`, { body: { first_name: "Ana", last_name: "Silva" } });
    expect(renamed.status).toBe(200);
    expect((await detail(app, room.chatroom_id)).display_name).toBe(`${lead.crm_id} Ana Silva`);

    const named = await newContact(app);
    const namedRoom = (await createRoom(app, { lead_id: named.id, display_name: "VIP lead" })).body;
    await app.call("PUT", `/v1/orgs/org_a/contact/${named.id}`, { body: { first_name: "Changed" } });
    expect((await detail(app, namedRoom.chatroom_id)).display_name).toBe("VIP lead");

    const duplicate = await app.call("PUT", `/v1/orgs/org_a/contact/${named.id}`, { body: { crm_id: lead.crm_id } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ error_code: 4090001, error_message: "UQ_CONSTRAINT_FAILED" });
  });

  it("R14: v3 assign_details and v2 user_id assign the new chatroom", async () => {
    const v3lead = await newContact(app);
    const v3 = (await createRoom(app, { lead_id: v3lead.id, assign_details: { assign_mode: "USER", user_id: "u_agent2" } })).body;
    expect((await detail(app, v3.chatroom_id)).members).toEqual([{ user_id: "u_agent2", granted_at: expect.stringMatching(ISO_MS) }]);
    const v2lead = await newContact(app);
    const v2 = await app.call("POST", "/v2/org/org_a/chatroom", { body: { user_id: "u_agent3", contact_id: v2lead.id } });
    expect(v2.status).toBe(200);
    expect((await detail(app, v2.body.chatroom_id)).members.map((m: { user_id: string }) => m.user_id)).toEqual(["u_agent3"]);
    const v2missing = await app.call("POST", "/v2/org/org_a/chatroom", { body: { contact_id: v2lead.id } });
    expect(v2missing.status).toBe(400);
  });

  it("R15: deactivate sets a reason (default AGENT_REQUEST), refuses system reasons and expired rooms, repeats as a no-op", async () => {
    const lead = await newContact(app);
    const room = (await createRoom(app, { lead_id: lead.id, assign_details: { assign_mode: "USER", user_id: "u_agent1", assign_on_handover: true } })).body;
    const path = `/v1/org/org_a/contacts/chatroom/${room.chatroom_id}/deactivate`;
    const system = await app.call("PUT", path, { body: { deactivation_reason: "INACTIVITY" } });
    expect(system.status).toBe(400);
    const done = await app.call("PUT", path, { body: { deactivation_reason: "WRONG_NUMBER" } });
    expect(done.body).toMatchObject({ is_deactivated: true, is_existing: true });
    const after = await detail(app, room.chatroom_id);
    expect(after).toMatchObject({ deactivation_reason: "WRONG_NUMBER", pending_assignment: null });
    const eventsBefore = (await eventsOf(room.chatroom_id)).length;
    const again = await app.call("PUT", path, { body: { deactivation_reason: "SPAM" } });
    expect(again.status).toBe(200);
    expect((await detail(app, room.chatroom_id)).deactivation_reason).toBe("WRONG_NUMBER");
    expect(await eventsOf(room.chatroom_id)).toHaveLength(eventsBefore);
    const noBody = await newContact(app);
    const plain = (await createRoom(app, { lead_id: noBody.id })).body;
    await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${plain.chatroom_id}/deactivate`);
    expect((await detail(app, plain.chatroom_id)).deactivation_reason).toBe("AGENT_REQUEST");
    app.clock.advance(31 * DAY);
    const expired = await app.call("PUT", path, { body: {} });
    expect(expired.body.error_message).toBe("CHATROOM_EXPIRED");
  });

  it("R15: deactivation keeps the members' access (for history); activation grants nothing new", async () => {
    const lead = await newContact(app);
    const room = (await createRoom(app, { lead_id: lead.id, assign_details: { assign_mode: "USER", user_id: "u_agent1" } })).body;
    const members = (await detail(app, room.chatroom_id)).members;
    expect(members).toEqual([{ user_id: "u_agent1", granted_at: expect.stringMatching(ISO_MS) }]);
    await app.call("POST", `/v1/org/org_a/chatrooms/${room.chatroom_id}/messages`, { token: tokens.agent1A, body: { text: "hello from agent 1" } });
    const deactivated = await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${room.chatroom_id}/deactivate`, { body: {} });
    expect(deactivated.status).toBe(200);
    expect((await detail(app, room.chatroom_id)).members).toEqual(members);
    const history = await app.call("GET", `/v1/org/org_a/chatrooms/${room.chatroom_id}/messages`, { token: tokens.agent1A });
    expect(history.body.items.map((message: { text: string }) => message.text)).toEqual(["hello from agent 1"]);
    expect((await app.call("GET", `/v1/org/org_a/chatrooms?assignee=u_agent1&contact_id=${lead.id}`)).body.items).toHaveLength(1);

    app.clock.advance(1000);
    expect((await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${room.chatroom_id}/activate`)).status).toBe(200);
    expect((await detail(app, room.chatroom_id)).members).toEqual(members);
  });

  it("R16: activation is refused while the number or the contact is active elsewhere, unless forced", async () => {
    const number = uniqueNumber();
    const first = await newContact(app, { phone_number: number });
    const second = await newContact(app, { phone_number: number });
    const relaxed = { fail_if_chatroom_exists_on_other_waba_phone: false };
    const old = (await createRoom(app, { lead_id: first.id, remote_phone_id: "ph_a1" })).body;
    await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${old.chatroom_id}/deactivate`, { body: {} });
    const onSamePhone = (await createRoom(app, { lead_id: second.id, remote_phone_id: "ph_a1", ...relaxed })).body;

    const refused = await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${old.chatroom_id}/activate`);
    expect(refused.status).toBe(409);
    expect(refused.body.error_message).toBe("ACTIVE_CHATROOM_EXISTS");
    expect(refused.body.payload.conflicts.map((c: { chatroom_id: string }) => c.chatroom_id)).toEqual([onSamePhone.chatroom_id]);
    const badQuery = await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${old.chatroom_id}/activate?force_deactivate=yes`);
    expect(badQuery.status).toBe(400);

    const forced = await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${old.chatroom_id}/activate?force_deactivate=true`);
    expect(forced.status).toBe(200);
    expect(forced.body).toMatchObject({ is_deactivated: false, is_existing: true });
    expect(await detail(app, onSamePhone.chatroom_id)).toMatchObject({ status: "deactivated", deactivation_reason: "FORCE_ACTIVATION" });
    const reactivated = await detail(app, old.chatroom_id);
    expect(reactivated).toMatchObject({ status: "active", deactivation_reason: null });
    expect(Math.abs(new Date(reactivated.last_activity_at).getTime() - app.clock.now().getTime())).toBeLessThan(5_000);
    // Two rooms changed, two events sharing one request id.
    const shared = await app.database.db.select().from(auditEvents).where(eq(auditEvents.requestId, forced.headers.get("x-request-id")!));
    expect(shared.map((event) => [event.chatroomId, event.action]).sort()).toEqual(
      [[old.chatroom_id, "chatroom.activated"], [onSamePhone.chatroom_id, "chatroom.deactivated"]].sort(),
    );

    // Active rooms of the number on other phones may remain (I1 is per phone).
    const third = await newContact(app, { phone_number: number });
    const elsewhere = (await createRoom(app, { lead_id: third.id, remote_phone_id: "ph_a3", ...relaxed })).body;
    await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${old.chatroom_id}/deactivate`, { body: {} });
    await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${old.chatroom_id}/activate?force_deactivate=true`);
    expect((await detail(app, elsewhere.chatroom_id)).status).toBe("active");
    expect((await detail(app, old.chatroom_id)).status).toBe("active");
  });

  it("R16: a forced activation also closes the contact's own active chatroom on another phone, and writes three events", async () => {
    const number = uniqueNumber();
    const [x, y, z] = [
      await newContact(app, { phone_number: number }),
      await newContact(app, { phone_number: number }),
      await newContact(app, { phone_number: number }),
    ];
    const relaxed = { fail_if_chatroom_exists_on_other_waba_phone: false };
    const dormant = (await createRoom(app, { lead_id: x.id, remote_phone_id: "ph_a1" })).body;
    await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${dormant.chatroom_id}/deactivate`, { body: {} });
    const samePhone = (await createRoom(app, { lead_id: y.id, remote_phone_id: "ph_a1", ...relaxed })).body;
    const ownElsewhere = (await createRoom(app, { lead_id: x.id, remote_phone_id: "ph_a2", ...relaxed })).body;
    const otherPhone = (await createRoom(app, { lead_id: z.id, remote_phone_id: "ph_a3", ...relaxed })).body;

    const forced = await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${dormant.chatroom_id}/activate?force_deactivate=true`);
    expect(forced.status, JSON.stringify(forced.body)).toBe(200);
    expect(await detail(app, ownElsewhere.chatroom_id)).toMatchObject({ status: "deactivated", deactivation_reason: "FORCE_ACTIVATION" });
    expect(await detail(app, samePhone.chatroom_id)).toMatchObject({ status: "deactivated", deactivation_reason: "FORCE_ACTIVATION" });
    expect((await detail(app, otherPhone.chatroom_id)).status).toBe("active");
    const active = await app.call("GET", `/v1/org/org_a/chatrooms?status=active&contact_id=${x.id}`);
    expect(active.body.items.map((room: { chatroom_id: string }) => room.chatroom_id)).toEqual([dormant.chatroom_id]);

    const events = await app.database.db.select().from(auditEvents).where(eq(auditEvents.requestId, forced.headers.get("x-request-id")!));
    expect(events.map((event) => [event.chatroomId, event.action]).sort()).toEqual(
      [
        [dormant.chatroom_id, "chatroom.activated"],
        [samePhone.chatroom_id, "chatroom.deactivated"],
        [ownElsewhere.chatroom_id, "chatroom.deactivated"],
      ].sort(),
    );
    const activated = events.find((event) => event.action === "chatroom.activated")!;
    expect((activated.details as { deactivated: string[] }).deactivated.sort()).toEqual([samePhone.chatroom_id, ownElsewhere.chatroom_id].sort());
  });

  it("R16: by default an activation is refused while the number is active on any phone of the org, or the contact is active elsewhere", async () => {
    const number = uniqueNumber();
    const [x, y] = [await newContact(app, { phone_number: number }), await newContact(app, { phone_number: number })];
    const relaxed = { fail_if_chatroom_exists_on_other_waba_phone: false };
    const dormant = (await createRoom(app, { lead_id: x.id, remote_phone_id: "ph_a1" })).body;
    await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${dormant.chatroom_id}/deactivate`, { body: { deactivation_reason: "SPAM" } });
    const activate = () => app.call("PUT", `/v1/org/org_a/contacts/chatroom/${dormant.chatroom_id}/activate`);

    // Another contact's room for the number on another WABA's phone.
    const elsewhere = (await createRoom(app, { lead_id: y.id, remote_phone_id: "ph_a3", ...relaxed })).body;
    const byNumber = await activate();
    expect(byNumber.status).toBe(409);
    expect(byNumber.body).toMatchObject({ error_message: "ACTIVE_CHATROOM_EXISTS", payload: { conflicts: [{ chatroom_id: elsewhere.chatroom_id, contact_id: y.id }] } });
    await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${elsewhere.chatroom_id}/deactivate`, { body: {} });

    // The contact's own room on another phone.
    const own = (await createRoom(app, { lead_id: x.id, remote_phone_id: "ph_a2" })).body;
    const byContact = await activate();
    expect(byContact.body).toMatchObject({ error_message: "ACTIVE_CHATROOM_EXISTS", payload: { conflicts: [{ chatroom_id: own.chatroom_id, contact_id: x.id }] } });
    expect(await detail(app, dormant.chatroom_id)).toMatchObject({ status: "deactivated", deactivation_reason: "SPAM" });
    expect((await detail(app, own.chatroom_id)).status).toBe("active");

    await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${own.chatroom_id}/deactivate`, { body: {} });
    expect((await activate()).status).toBe(200);
  });

  it("R16: an activation maps the contact to the chatroom's phone and moves last_activity_at to now", async () => {
    const lead = await newContact(app);
    const first = (await createRoom(app, { lead_id: lead.id, remote_phone_id: "ph_a3" })).body;
    await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${first.chatroom_id}/deactivate`, { body: {} });
    const second = (await createRoom(app, { lead_id: lead.id, remote_phone_id: "ph_a2" })).body;
    await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${second.chatroom_id}/deactivate`, { body: {} });

    app.clock.advance(DAY);
    const activated = await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${first.chatroom_id}/activate`);
    expect(activated.status).toBe(200);
    const [event] = await app.database.db.select().from(auditEvents).where(eq(auditEvents.requestId, activated.headers.get("x-request-id")!));
    expect(event!.changes).toMatchObject({ contact_mapping: { before: "ph_a2", after: "ph_a3" } });
    const after = await detail(app, first.chatroom_id);
    expect(Math.abs(new Date(after.last_activity_at).getTime() - app.clock.now().getTime())).toBeLessThan(5_000);
    expect(after.deactivation_ts).toBe(new Date(new Date(after.last_activity_at).getTime() + 7 * DAY).toISOString());
    // The mapping is what a create that names no phone follows (R7).
    await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${first.chatroom_id}/deactivate`, { body: {} });
    const next = (await createRoom(app, { lead_id: lead.id })).body;
    expect((await detail(app, next.chatroom_id)).remote_phone_id).toBe("ph_a3");
  });

  it("R17: get by contact returns the active chatroom, else the newest, with its WABA; 404 without one", async () => {
    const lead = await newContact(app);
    const none = await app.call("GET", `/v1/org/org_a/chatroom/contact/${lead.id}`);
    expect(none.status).toBe(404);
    expect(none.body.payload.kind).toBe("chatroom");
    const unknown = await app.call("GET", "/v1/org/org_a/chatroom/contact/c_nobody");
    expect(unknown.body.payload.kind).toBe("contact");

    const first = (await createRoom(app, { lead_id: lead.id, remote_phone_id: "ph_a3" })).body;
    await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${first.chatroom_id}/deactivate`, { body: {} });
    app.clock.advance(1000);
    const second = (await createRoom(app, { lead_id: lead.id })).body;
    await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${second.chatroom_id}/deactivate`, { body: {} });
    const newest = await app.call("GET", `/v1/org/org_a/chatroom/contact/${lead.id}`, { token: tokens.memberA });
    expect(newest.body).toMatchObject({ chatroom_id: second.chatroom_id, waba: { remote_waba_id: "waba_a2", name: "A Service", matrix_host_name: "matrix.a2.example" } });
    await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${first.chatroom_id}/activate`);
    const active = await app.call("GET", `/v1/org/org_a/chatroom/contact/${lead.id}`);
    expect(active.body.chatroom_id).toBe(first.chatroom_id);
  });

  it("R18: USER needs an existing, active user; GROUP needs an active member; the mode decides which id counts", async () => {
    const lead = await newContact(app);
    const unknownUser = await createRoom(app, { lead_id: lead.id, assign_details: { assign_mode: "USER", user_id: "u_nobody" } });
    expect(unknownUser.status).toBe(404);
    expect(unknownUser.body.payload.kind).toBe("user");
    const otherOrgUser = await createRoom(app, { lead_id: lead.id, assign_details: { assign_mode: "USER", user_id: "u_admin_b" } });
    expect(otherOrgUser.body.payload.kind).toBe("user");
    const disabled = await createRoom(app, { lead_id: lead.id, assign_details: { assign_mode: "USER", user_id: "u_disabled" } });
    expect(disabled.body.error_message).toBe("NO_ASSIGNABLE_USER");
    const empty = await createRoom(app, { lead_id: lead.id, assign_details: { assign_mode: "GROUP", group_id: "g_empty" } });
    expect(empty.body.error_message).toBe("NO_ASSIGNABLE_USER");
    const onlyDisabled = await createRoom(app, { lead_id: lead.id, assign_details: { assign_mode: "GROUP", group_id: "g_disabled" } });
    expect(onlyDisabled.body.error_message).toBe("NO_ASSIGNABLE_USER");
    const missingId = await createRoom(app, { lead_id: lead.id, assign_details: { assign_mode: "GROUP", user_id: "u_agent1" } });
    expect(missingId.status).toBe(400);
    expect(missingId.body.payload.issues[0].path).toBe("body.assign_details.group_id");
    // None of the refused requests created anything.
    expect((await app.call("GET", `/v1/org/org_a/chatroom/contact/${lead.id}`)).status).toBe(404);
    const both = await createRoom(app, { lead_id: lead.id, assign_details: { assign_mode: "USER", user_id: "u_agent1", group_id: "g_nope" } });
    expect(both.status).toBe(200);
  });

  /** Gives `userId` an active chatroom of `org` of its own (assigned directly, not picked). */
  const assignedRoom = async (org: TestOrg, userId: string) => {
    const lead = await newContact(app, {}, org);
    const room = await createRoom(app, { lead_id: lead.id, assign_details: { assign_mode: "USER", user_id: userId } }, org);
    expect(room.status).toBe(200);
    return room.body.chatroom_id as string;
  };
  const pickFrom = async (org: TestOrg, groupId: string) => {
    const lead = await newContact(app, {}, org);
    const room = (await createRoom(app, { lead_id: lead.id, assign_details: { assign_mode: "GROUP", group_id: groupId } }, org)).body;
    const [event] = await eventsOf(room.chatroom_id);
    const pick = (event!.details as { pick: GroupPick }).pick;
    expect((await detail(app, room.chatroom_id, org)).members.map((member: { user_id: string }) => member.user_id)).toEqual([pick.winner]);
    return pick;
  };

  it("R19: ROUND_ROBIN picks never-picked members first by user id, then the least recently picked; the reasoning is audited", async () => {
    const org = await newOrg(app, { users: ["a", "b", "c"], disabled: ["off"], groups: { sales: ["c", "a", "b", "off"] } });
    const { a, b, c } = org.user;
    // Active chatrooms do not matter to ROUND_ROBIN.
    await assignedRoom(org, a!);
    await assignedRoom(org, a!);
    const picks: GroupPick[] = [];
    for (let i = 0; i < 6; i++) picks.push(await pickFrom(org, org.group.sales!));
    expect(picks.map((pick) => pick.winner)).toEqual([a, b, c, a, b, c]);
    expect(picks[0]).toMatchObject({ group_id: org.group.sales, strategy: "ROUND_ROBIN", reason: expect.stringMatching(/least recently picked/) });
    // The disabled member is not eligible; the audit lists the eligible in their ranking, with their standing.
    expect(picks[0]!.eligible).toEqual([
      { user_id: a, last_picked_at: null, active_chatrooms: 2 },
      { user_id: b, last_picked_at: null, active_chatrooms: 0 },
      { user_id: c, last_picked_at: null, active_chatrooms: 0 },
    ]);
    expect(picks[3]!.eligible.map((member) => member.user_id)).toEqual([a, b, c]);
    expect(picks[3]!.eligible.every((member) => member.last_picked_at !== null)).toBe(true);
  });

  it("R19: LEAST_ACTIVE picks the fewest active chatrooms, then the least recently picked from this group, then the user id", async () => {
    const org = await newOrg(app, { users: ["a", "b", "c"], groups: { sales: ["a", "b", "c"] }, config: { group_strategy: "LEAST_ACTIVE" } });
    const { a, b, c } = org.user;
    const sales = org.group.sales!;
    const aRoom = await assignedRoom(org, a!);
    for (let i = 0; i < 5; i++) await assignedRoom(org, b!);

    // c has none: the fewest wins over never picked and over the user id.
    const first = await pickFrom(org, sales);
    expect(first).toMatchObject({ winner: c, strategy: "LEAST_ACTIVE", reason: expect.stringMatching(/fewest active chatrooms/) });
    expect(first.eligible.map((member) => [member.user_id, member.active_chatrooms])).toEqual([[c, 0], [a, 1], [b, 5]]);
    // a and c have one each: a was never picked from the group, c was.
    expect((await pickFrom(org, sales)).winner).toBe(a);
    // One of a's rooms closes: a and c have one each, both picked, c the longer ago (the user id would say a).
    await app.call("PUT", `/v1/org/${org.id}/contacts/chatroom/${aRoom}/deactivate`, { token: org.token, body: {} });
    const third = await pickFrom(org, sales);
    expect(third.winner).toBe(c);
    expect(third.eligible.map((member) => [member.user_id, member.active_chatrooms])).toEqual([[c, 1], [a, 1], [b, 5]]);
    // Equal counts, never picked: the user id decides.
    const tie = await newOrg(app, { users: ["b", "a"], groups: { pair: ["b", "a"] }, config: { group_strategy: "LEAST_ACTIVE" } });
    expect((await pickFrom(tie, tie.group.pair!)).winner).toBe(tie.user.a);
  });

  it("R20: reassign revokes every current member and grants the new one; the same sole member changes nothing", async () => {
    const lead = await newContact(app);
    const room = (await createRoom(app, { lead_id: lead.id, assign_details: { assign_mode: "USER", user_id: "u_agent1" } })).body;
    const granted = (await detail(app, room.chatroom_id)).members[0].granted_at;
    app.clock.advance(1000);
    const same = await app.call("POST", `/v2/org/org_a/waba/chatroom/${room.chatroom_id}/reassign`, { body: { user_id: "u_agent1" } });
    expect(same.status).toBe(200);
    expect((await detail(app, room.chatroom_id)).members).toEqual([{ user_id: "u_agent1", granted_at: granted }]);

    const moved = await app.call("POST", `/v3/org/org_a/lead/chatroom/${room.chatroom_id}/reassign`, {
      body: { assign_details: { assign_mode: "USER", user_id: "u_agent2" } },
    });
    expect(moved.body).toMatchObject({ chatroom_id: room.chatroom_id, is_existing: true });
    expect((await detail(app, room.chatroom_id)).members.map((m: { user_id: string }) => m.user_id)).toEqual(["u_agent2"]);

    await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${room.chatroom_id}/deactivate`, { body: {} });
    const inactive = await app.call("POST", `/v2/org/org_a/waba/chatroom/${room.chatroom_id}/reassign`, { body: { user_id: "u_agent3" } });
    expect(inactive.status).toBe(409);
    expect(inactive.body.error_message).toBe("CHATROOM_NOT_ACTIVE");
  });

  it("R21: with assign_on_handover nobody is granted yet: the room holds a pending assignment", async () => {
    const lead = await newContact(app);
    const room = (await createRoom(app, { lead_id: lead.id, assign_details: { assign_mode: "USER", user_id: "u_agent1" } })).body;
    const handover = await app.call("POST", `/v3/org/org_a/lead/chatroom/${room.chatroom_id}/reassign`, {
      body: { assign_details: { assign_mode: "GROUP", group_id: "g_sales", assign_on_handover: true } },
    });
    expect(handover.status).toBe(200);
    expect(await detail(app, room.chatroom_id)).toMatchObject({
      members: [],
      handover_at: null,
      pending_assignment: { assign_mode: "GROUP", user_id: null, group_id: "g_sales" },
    });
  });

  it("R24: every change writes one audit event per chatroom with actor, impersonator, note and request id", async () => {
    const lead = await newContact(app);
    const room = (await createRoom(app, { lead_id: lead.id })).body;
    const deactivated = await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${room.chatroom_id}/deactivate`, {
      token: tokens.partnerLinked,
      body: { deactivation_reason: "DUPLICATE" },
      headers: { "x-impersonate-user": "u_admin_a", "x-audit-note": "merged with CRM-9" },
    });
    expect(deactivated.status).toBe(200);
    const events = await eventsOf(room.chatroom_id);
    expect(events.map((event) => event.action)).toEqual(["chatroom.created", "chatroom.deactivated"]);
    expect(events[1]).toMatchObject({
      orgId: "org_a",
      actorType: "user",
      actorId: "u_admin_a",
      impersonatorType: "partner",
      impersonatorId: "p_linked",
      note: "merged with CRM-9",
      requestId: deactivated.headers.get("x-request-id"),
      changes: { status: { before: "active", after: "deactivated" }, deactivation_reason: { before: null, after: "DUPLICATE" } },
    });
    const listed = await app.call("GET", `/v1/org/org_a/audit?chatroom_id=${room.chatroom_id}`);
    expect(listed.body.items.map((item: { action: string }) => item.action)).toEqual(["chatroom.deactivated", "chatroom.created"]);
    expect(listed.body.items[0]).toMatchObject({ channel: "api", actor: { type: "user", id: "u_admin_a", on_behalf_of: null } });
    const consoleCall = await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${room.chatroom_id}/activate`, {
      token: tokens.console,
      headers: { "x-on-behalf-of": accountIds.adminA },
    });
    expect(consoleCall.status).toBe(200);
    // The person is the actor, with their own rights; the console is the channel.
    expect((await eventsOf(room.chatroom_id)).at(-1)).toMatchObject({
      actorType: "user",
      actorId: "u_admin_a",
      onBehalfOf: accountIds.adminA,
      channel: "console",
    });
    const byPerson = await app.call("GET", `/v1/org/org_a/audit?chatroom_id=${room.chatroom_id}&actor=${accountIds.adminA}`);
    expect(byPerson.body.items).toHaveLength(1);
    expect(byPerson.body.items[0]).toMatchObject({ channel: "console", actor: { type: "user", id: "u_admin_a", on_behalf_of: accountIds.adminA } });
  });

  it("R24: a support agent acting through the console must give a note; the event names the agent and the console", async () => {
    const lead = await newContact(app);
    const room = (await createRoom(app, { lead_id: lead.id })).body;
    const path = `/v1/org/org_a/contacts/chatroom/${room.chatroom_id}/deactivate`;
    const asSupport = { token: tokens.console, body: { deactivation_reason: "SPAM" } };
    const withoutNote = await app.call("PUT", path, { ...asSupport, headers: { "x-on-behalf-of": accountIds.support } });
    expect(withoutNote.status).toBe(400);
    expect(withoutNote.body).toMatchObject({ error_message: "VALIDATION_FAILED", payload: { issues: [{ path: "header.x-audit-note" }] } });
    expect((await detail(app, room.chatroom_id)).status).toBe("active");

    const withNote = await app.call("PUT", path, { ...asSupport, headers: { "x-on-behalf-of": accountIds.support, "x-audit-note": "reported as spam" } });
    expect(withNote.status).toBe(200);
    expect((await eventsOf(room.chatroom_id)).at(-1)).toMatchObject({
      action: "chatroom.deactivated",
      actorType: "console",
      actorId: "k_console",
      onBehalfOf: accountIds.support,
      note: "reported as spam",
      channel: "console",
    });
  });


  it("R24: X-Audit-Note is stored whole up to 500 characters; 501 is a 400 that changes nothing", async () => {
    const lead = await newContact(app);
    const room = (await createRoom(app, { lead_id: lead.id })).body;
    const path = `/v1/org/org_a/contacts/chatroom/${room.chatroom_id}/deactivate`;
    const tooLong = await app.call("PUT", path, { body: {}, headers: { "x-audit-note": "n".repeat(501) } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toMatchObject({ error_message: "VALIDATION_FAILED", payload: { issues: [{ path: "header.x-audit-note" }] } });
    expect((await detail(app, room.chatroom_id)).status).toBe("active");
    expect(await eventsOf(room.chatroom_id)).toHaveLength(1);
    const note = `${"n".repeat(499)}!`;
    expect((await app.call("PUT", path, { body: {}, headers: { "x-audit-note": note } })).status).toBe(200);
    expect((await eventsOf(room.chatroom_id)).at(-1)).toMatchObject({ action: "chatroom.deactivated", note });
  });

  it("R24: a request that changes nothing writes no event: existing room, active room activated, same sole member, deactivated again", async () => {
    const lead = await newContact(app);
    const created = await createRoom(app, { lead_id: lead.id, assign_details: { assign_mode: "USER", user_id: "u_agent1" } });
    const id = created.body.chatroom_id;
    const noOps = [
      await createRoom(app, { lead_id: lead.id }),
      await createRoom(app, { lead_id: lead.id, assign_details: { assign_mode: "USER", user_id: "u_agent2" } }),
      await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${id}/activate?force_deactivate=true`),
      await app.call("POST", `/v2/org/org_a/waba/chatroom/${id}/reassign`, { body: { user_id: "u_agent1" } }),
      await app.call("POST", `/v3/org/org_a/lead/chatroom/${id}/reassign`, { body: { assign_details: { assign_mode: "USER", user_id: "u_agent1" } } }),
    ];
    await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${id}/deactivate`, { body: {} });
    noOps.push(await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${id}/deactivate`, { body: { deactivation_reason: "SPAM" } }));
    for (const answer of noOps) {
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      const events = await app.database.db.select().from(auditEvents).where(eq(auditEvents.requestId, answer.headers.get("x-request-id")!));
      expect(events).toEqual([]);
    }
    expect((await eventsOf(id)).map((event) => event.action)).toEqual(["chatroom.created", "chatroom.deactivated"]);
  });

  it("R25: each of the four conflict 409s is recorded with its number, contact, rooms, code, principal and time", async () => {
    const number = uniqueNumber();
    const [x, y, z, w] = [
      await newContact(app, { phone_number: number }),
      await newContact(app, { phone_number: number }),
      await newContact(app, { phone_number: number }),
      await newContact(app, { phone_number: number }),
    ];
    const relaxed = { fail_if_chatroom_exists_on_other_waba_phone: false };
    const refusals: { code: string; contactId: string; chatroomIds: string[] }[] = [];
    const refused = (answer: ApiAnswer, code: string, contactId: string) => {
      expect(answer.status, JSON.stringify(answer.body)).toBe(409);
      expect(answer.body.error_message).toBe(code);
      refusals.unshift({ code, contactId, chatroomIds: answer.body.payload.conflicts.map((room: { chatroom_id: string }) => room.chatroom_id) });
    };

    const xRoom = (await createRoom(app, { lead_id: x!.id, remote_phone_id: "ph_a1" })).body;
    refused(await createRoom(app, { lead_id: y!.id }), "CHATROOM_EXISTS_FOR_PHONE", y!.id);
    refused(await createRoom(app, { lead_id: x!.id, remote_phone_id: "ph_a2" }), "LEAD_HAS_ACTIVE_CHATROOM", x!.id);
    expect((await createRoom(app, { lead_id: y!.id, ...relaxed })).status).toBe(200);
    expect((await createRoom(app, { lead_id: z!.id, ...relaxed })).status).toBe(200);
    refused(await createRoom(app, { lead_id: w!.id, ...relaxed }), "NO_WABA_PHONE_AVAILABLE", w!.id);
    await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${xRoom.chatroom_id}/deactivate`, { body: {} });
    expect((await createRoom(app, { lead_id: w!.id, remote_phone_id: "ph_a1", ...relaxed })).status).toBe(200);
    refused(await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${xRoom.chatroom_id}/activate`), "ACTIVE_CHATROOM_EXISTS", x!.id);
    // A refusal of another kind is no conflict between contacts.
    const disabled = await app.call("POST", `/v3/org/org_a/lead/chatroom/${xRoom.chatroom_id}/reassign`, { body: { assign_details: { assign_mode: "USER", user_id: "u_disabled" } } });
    expect(disabled.status).toBe(409);

    const listed = await app.call("GET", `/v1/org/org_a/conflicts?phone=${encodeURIComponent(number)}&limit=200`);
    expect(listed.status).toBe(200);
    const logged = listed.body.items as { error_code: string; contact_id: string; phone_number: string; at: string; conflicts: { chatroom_id: string }[] }[];
    expect(logged.map((entry) => ({ code: entry.error_code, contactId: entry.contact_id, chatroomIds: entry.conflicts.map((room) => room.chatroom_id) }))).toEqual(refusals);
    for (const entry of logged) {
      expect(entry).toMatchObject({ phone_number: number, principal: { type: "user", id: "u_admin_a" }, at: expect.stringMatching(ISO_MS) });
    }
  });
});

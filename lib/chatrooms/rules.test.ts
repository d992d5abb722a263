import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, chatrooms, conflictLog, contactWabaMappings } from "@/lib/db/schema";
import { useTestApp } from "@/lib/testing/app";
import { accountIds, tokens } from "@/lib/testing/fixture";
import { createRoom, DAY, detail, newContact, uniqueNumber } from "@/lib/testing/helpers";

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

  it("R5: changing the config writes out old lapses and moves live deadlines to the later of formula and now", async () => {
    const lead = await newContact(app);
    const lapsing = await newContact(app);
    const lapsedRoom = (await createRoom(app, { lead_id: lapsing.id })).body;
    app.clock.advance(3 * DAY);
    const room = (await createRoom(app, { lead_id: lead.id })).body;
    app.clock.advance(4.5 * DAY);
    // lapsedRoom is 7.5 days quiet (lapsed at 7 days); room is 4.5 days quiet.
    const changed = await app.call("PUT", "/v1/org/org_a/config", { body: { inactivity_days: 2 } });
    expect(changed.status).toBe(200);
    expect(changed.body.inactivity_days).toBe(2);

    const lapseEvents = await eventsOf(lapsedRoom.chatroom_id);
    expect(lapseEvents.find((event) => event.action === "chatroom.deactivated")!.at.toISOString()).toBe(lapsedRoom.deactivation_ts);
    // room: last activity + 2 days is already past, so its deadline becomes the moment of the change
    // (it lapses then, not retroactively).
    const live = await detail(app, room.chatroom_id);
    expect(live).toMatchObject({ status: "deactivated", deactivation_reason: "INACTIVITY" });
    const changedAt = new Date(live.deactivation_ts).getTime();
    expect(changedAt).toBeGreaterThan(new Date(room.deactivation_ts).getTime() - 5 * DAY);
    expect(Math.abs(changedAt - app.clock.now().getTime())).toBeLessThan(5_000);

    const invalid = await app.call("PUT", "/v1/org/org_a/config", { body: { expiry_days: 0 } });
    expect(invalid.status).toBe(400);
    await app.call("PUT", "/v1/org/org_a/config", { body: { inactivity_days: 7 } });
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
    // Three rooms changed, three events sharing one request id.
    const requestId = (await eventsOf(old.chatroom_id)).at(-1)!.requestId;
    const shared = await app.database.db.select().from(auditEvents).where(eq(auditEvents.requestId, requestId!));
    expect(shared.map((event) => event.action).sort()).toEqual(["chatroom.activated", "chatroom.deactivated"]);

    // Active rooms of the number on other phones may remain (I1 is per phone).
    const third = await newContact(app, { phone_number: number });
    const elsewhere = (await createRoom(app, { lead_id: third.id, remote_phone_id: "ph_a3", ...relaxed })).body;
    await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${old.chatroom_id}/deactivate`, { body: {} });
    await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${old.chatroom_id}/activate?force_deactivate=true`);
    expect((await detail(app, elsewhere.chatroom_id)).status).toBe("active");
    expect((await detail(app, old.chatroom_id)).status).toBe("active");
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

  it("R19: ROUND_ROBIN picks the member picked least recently; the pick's reasoning is audited", async () => {
    const picks: string[] = [];
    for (let i = 0; i < 6; i++) {
      const lead = await newContact(app);
      const room = (await createRoom(app, { lead_id: lead.id, assign_details: { assign_mode: "GROUP", group_id: "g_sales" } })).body;
      picks.push((await detail(app, room.chatroom_id)).members[0].user_id);
      if (i === 0) {
        const [event] = await eventsOf(room.chatroom_id);
        expect(event!.details).toMatchObject({
          pick: { group_id: "g_sales", strategy: "ROUND_ROBIN", winner: picks[0], eligible: expect.any(Array) },
        });
        expect((event!.details as { pick: { eligible: unknown[] } }).pick.eligible).toHaveLength(3);
      }
    }
    expect(picks.slice(0, 3).sort()).toEqual(["u_agent1", "u_agent2", "u_agent3"]);
    expect(picks.slice(3)).toEqual(picks.slice(0, 3));
  });

  it("R19: LEAST_ACTIVE picks the member with the fewest active chatrooms", async () => {
    await app.call("PUT", "/v1/org/org_a/config", { body: { group_strategy: "LEAST_ACTIVE" } });
    try {
      const counts = async () => {
        const listed = await app.call("GET", "/v1/org/org_a/chatrooms?status=active&limit=200");
        const count: Record<string, number> = { u_agent1: 0, u_agent2: 0, u_agent3: 0 };
        for (const room of listed.body.items) for (const member of room.members) if (member.user_id in count) count[member.user_id]! += 1;
        return count;
      };
      const before = await counts();
      const lead = await newContact(app);
      const room = (await createRoom(app, { lead_id: lead.id, assign_details: { assign_mode: "GROUP", group_id: "g_sales" } })).body;
      const winner = (await detail(app, room.chatroom_id)).members[0].user_id as string;
      expect(before[winner]).toBe(Math.min(...Object.values(before)));
    } finally {
      await app.call("PUT", "/v1/org/org_a/config", { body: { group_strategy: "ROUND_ROBIN" } });
    }
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

  it("R25: every 409 of R9-R11 and R16 is recorded in the conflict log and listed with current state", async () => {
    const number = uniqueNumber();
    const first = await newContact(app, { phone_number: number });
    const second = await newContact(app, { phone_number: number });
    const room = (await createRoom(app, { lead_id: first.id })).body;
    await createRoom(app, { lead_id: second.id });
    const rows = await app.database.db.select().from(conflictLog).where(and(eq(conflictLog.orgId, "org_a"), eq(conflictLog.phoneNumber, number)));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ contactId: second.id, errorCode: "CHATROOM_EXISTS_FOR_PHONE", chatroomIds: [room.chatroom_id] });
    const listed = await app.call("GET", `/v1/org/org_a/conflicts?phone=${encodeURIComponent(number)}`);
    expect(listed.body.items[0]).toMatchObject({ error_code: "CHATROOM_EXISTS_FOR_PHONE", conflicts: [{ chatroom_id: room.chatroom_id, status: "active" }] });
  });
});

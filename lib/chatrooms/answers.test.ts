import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "@/lib/db/schema";
import { useTestApp, type ApiAnswer } from "@/lib/testing/app";
import { createRoom, DAY, detail, newContact, newOrg, uniqueNumber, type TestOrg } from "@/lib/testing/helpers";

/**
 * What each change answers and records, field by field: the chatroom object, the refusals' payloads, and the
 * changes that its audit event holds (R24). Each test provisions an org of its own.
 */
describe("chatroom answers, refusals and audit changes through the HTTP API", () => {
  const app = useTestApp();

  const eventsOf = (answer: ApiAnswer) =>
    app.database.db.select().from(auditEvents).where(eq(auditEvents.requestId, answer.headers.get("x-request-id")!)).orderBy(auditEvents.id);

  async function onlyEventOf(answer: ApiAnswer) {
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const events = await eventsOf(answer);
    expect(events).toHaveLength(1);
    return events[0]!;
  }

  const as = (org: TestOrg) => ({ token: org.token });
  const deactivate = (org: TestOrg, id: string, reason?: string) =>
    app.call("PUT", `/v1/org/${org.id}/contacts/chatroom/${id}/deactivate`, { ...as(org), body: reason ? { deactivation_reason: reason } : {} });
  const activate = (org: TestOrg, id: string, force = false) =>
    app.call("PUT", `/v1/org/${org.id}/contacts/chatroom/${id}/activate?force_deactivate=${force}`, as(org));
  const reassign = (org: TestOrg, id: string, assignDetails: Record<string, unknown>) =>
    app.call("POST", `/v3/org/${org.id}/lead/chatroom/${id}/reassign`, { ...as(org), body: { assign_details: assignDetails } });
  const conflictsOf = async (org: TestOrg, query = "") => {
    const answer = await app.call("GET", `/v1/org/${org.id}/conflicts${query}`, as(org));
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body as { items: { contact_id: string; error_code: string; conflicts: { chatroom_id: string }[] }[]; next_cursor: string | null };
  };

  it("R24, R12: a create's event holds every field it set, from null, and the mapping only when it moves", async () => {
    const org = await newOrg(app);
    const lead = await newContact(app, { first_name: "Ann", last_name: "Lee" }, org);
    const first = await createRoom(app, { lead_id: lead.id }, org);
    const created = await onlyEventOf(first);
    expect(created.action).toBe("chatroom.created");
    expect(created.changes).toEqual({
      status: { before: null, after: "active" },
      contact_id: { before: null, after: lead.id },
      remote_phone_id: { before: null, after: org.phone.first },
      phone_number: { before: null, after: lead.phone_number },
      display_name: { before: null, after: `${lead.crm_id} Ann Lee` },
      expiry_ts: { before: null, after: first.body.expiry_ts },
      contact_mapping: { before: null, after: org.phone.first },
    });

    await deactivate(org, first.body.chatroom_id);
    const samePhone = await createRoom(app, { lead_id: lead.id }, org);
    expect(Object.keys((await onlyEventOf(samePhone)).changes as object)).not.toContain("contact_mapping");

    await deactivate(org, samePhone.body.chatroom_id);
    const moved = await createRoom(app, { lead_id: lead.id, remote_phone_id: org.phone.second }, org);
    expect((await onlyEventOf(moved)).changes).toMatchObject({ contact_mapping: { before: org.phone.first, after: org.phone.second } });
  });

  it("R14, R24: a create that assigns records the members with the room's fields; an existing room gets one chatroom.assigned event", async () => {
    const org = await newOrg(app, { users: ["ann", "bob"], groups: { team: ["ann"] } });
    const assigned = await createRoom(app, { lead_id: (await newContact(app, {}, org)).id, assign_details: { assign_mode: "USER", user_id: org.user.ann } }, org);
    const created = await onlyEventOf(assigned);
    expect(created.changes).toMatchObject({ status: { before: null, after: "active" }, members: { before: [], after: [org.user.ann] } });
    expect(created.details).toBeNull();

    const lead = await newContact(app, {}, org);
    const existing = (await createRoom(app, { lead_id: lead.id }, org)).body;
    const later = await createRoom(app, { lead_id: lead.id, assign_details: { assign_mode: "GROUP", group_id: org.group.team } }, org);
    expect(later.body).toMatchObject({ chatroom_id: existing.chatroom_id, is_existing: true, deactivation_ts: existing.deactivation_ts });
    const event = await onlyEventOf(later);
    expect(event).toMatchObject({ chatroomId: existing.chatroom_id, action: "chatroom.assigned", changes: { members: { before: [], after: [org.user.ann] } } });
    expect(event.details).toMatchObject({ pick: { group_id: org.group.team, winner: org.user.ann } });
  });

  it("R21, R9: a create with handover records the pending assignment; a later create's assignment leaves a pending room as it is", async () => {
    const org = await newOrg(app, { users: ["ann", "bob"] });
    const lead = await newContact(app, {}, org);
    const pending = await createRoom(app, { lead_id: lead.id, assign_details: { assign_mode: "USER", user_id: org.user.ann, assign_on_handover: true } }, org);
    expect((await onlyEventOf(pending)).changes).toMatchObject({
      members: { before: [], after: [] },
      pending_assignment: { before: null, after: { assign_mode: "USER", user_id: org.user.ann, group_id: null } },
    });

    const again = await createRoom(app, { lead_id: lead.id, assign_details: { assign_mode: "USER", user_id: org.user.bob } }, org);
    expect(again.body).toMatchObject({ chatroom_id: pending.body.chatroom_id, is_existing: true });
    expect(await eventsOf(again)).toEqual([]);
    expect(await detail(app, pending.body.chatroom_id, org)).toMatchObject({
      members: [],
      pending_assignment: { assign_mode: "USER", user_id: org.user.ann, group_id: null },
    });
  });

  it("R21, R18: a pending assignment keeps only the id its mode names", async () => {
    const org = await newOrg(app, { users: ["ann"], groups: { team: ["ann"] } });
    const both = { user_id: org.user.ann, group_id: org.group.team, assign_on_handover: true };
    const forGroup = await createRoom(app, { lead_id: (await newContact(app, {}, org)).id, assign_details: { assign_mode: "GROUP", ...both } }, org);
    expect((await detail(app, forGroup.body.chatroom_id, org)).pending_assignment).toEqual({ assign_mode: "GROUP", user_id: null, group_id: org.group.team });
    const forUser = await createRoom(app, { lead_id: (await newContact(app, {}, org)).id, assign_details: { assign_mode: "USER", ...both } }, org);
    expect((await detail(app, forUser.body.chatroom_id, org)).pending_assignment).toEqual({ assign_mode: "USER", user_id: org.user.ann, group_id: null });
  });

  it("R24, R20, R21: a reassign's event holds the members before and after, and the pending assignment it sets or replaces", async () => {
    const org = await newOrg(app, { users: ["ann", "bob", "cid"] });
    const room = (await createRoom(app, { lead_id: (await newContact(app, {}, org)).id, assign_details: { assign_mode: "USER", user_id: org.user.ann } }, org)).body;

    const toBob = await reassign(org, room.chatroom_id, { assign_mode: "USER", user_id: org.user.bob });
    expect(toBob.body).toEqual({ ...room, is_existing: true });
    const moved = await onlyEventOf(toBob);
    expect(moved.action).toBe("chatroom.reassigned");
    expect(moved.changes).toEqual({ members: { before: [org.user.ann], after: [org.user.bob] } });

    const handover = await reassign(org, room.chatroom_id, { assign_mode: "USER", user_id: org.user.cid, assign_on_handover: true });
    expect((await onlyEventOf(handover)).changes).toEqual({
      members: { before: [org.user.bob], after: [] },
      pending_assignment: { before: null, after: { assign_mode: "USER", user_id: org.user.cid, group_id: null } },
    });

    const back = await reassign(org, room.chatroom_id, { assign_mode: "USER", user_id: org.user.ann });
    expect((await onlyEventOf(back)).changes).toEqual({
      members: { before: [], after: [org.user.ann] },
      pending_assignment: { before: { assign_mode: "USER", user_id: org.user.cid, group_id: null }, after: null },
    });
  });

  it("R20, R19: a group's pick of the room's only current member keeps the grant, and the pick is audited", async () => {
    const org = await newOrg(app, { users: ["ann"], groups: { solo: ["ann"] } });
    const room = (await createRoom(app, { lead_id: (await newContact(app, {}, org)).id, assign_details: { assign_mode: "USER", user_id: org.user.ann } }, org)).body;
    const granted = (await detail(app, room.chatroom_id, org)).members;
    app.clock.advance(1000);

    const picked = await reassign(org, room.chatroom_id, { assign_mode: "GROUP", group_id: org.group.solo });
    expect((await detail(app, room.chatroom_id, org)).members).toEqual(granted);
    const event = await onlyEventOf(picked);
    expect(event).toMatchObject({ action: "chatroom.reassigned", changes: {} });
    expect(event.details).toMatchObject({ pick: { winner: org.user.ann, strategy: "ROUND_ROBIN" } });
    expect((event.details as { pick: { reason: string } }).pick.reason).toBe("least recently picked from this group (never picked first), then user id");
  });

  it("R18, R21: a handover needs a target assignable now: a disabled user or a group without an active member is a 409 naming it", async () => {
    const org = await newOrg(app, { users: ["ann"], disabled: ["dan"], groups: { ghosts: ["dan"] } });
    const lead = await newContact(app, {}, org);
    const toUser = await createRoom(app, { lead_id: lead.id, assign_details: { assign_mode: "USER", user_id: org.user.dan, assign_on_handover: true } }, org);
    expect(toUser.status).toBe(409);
    expect(toUser.body).toEqual({
      error_code: expect.any(Number),
      error_message: "NO_ASSIGNABLE_USER",
      error_description: `User '${org.user.dan}' is disabled and cannot be assigned.`,
      payload: { user_id: org.user.dan },
    });
    const toGroup = await createRoom(app, { lead_id: lead.id, assign_details: { assign_mode: "GROUP", group_id: org.group.ghosts, assign_on_handover: true } }, org);
    expect(toGroup.status).toBe(409);
    expect(toGroup.body).toMatchObject({
      error_message: "NO_ASSIGNABLE_USER",
      error_description: `Group '${org.group.ghosts}' has no active member to assign.`,
      payload: { group_id: org.group.ghosts },
    });
    expect(Object.keys(toGroup.body.payload)).toEqual(["group_id"]);
    expect((await app.call("GET", `/v1/org/${org.id}/chatroom/contact/${lead.id}`, as(org))).status).toBe(404);
  });

  it("R18, R20: a reassign to a disabled user is a 409 naming the user; to an unknown group, a 404; both change nothing", async () => {
    const org = await newOrg(app, { users: ["ann"], disabled: ["dan"] });
    const room = (await createRoom(app, { lead_id: (await newContact(app, {}, org)).id, assign_details: { assign_mode: "USER", user_id: org.user.ann } }, org)).body;
    const disabled = await reassign(org, room.chatroom_id, { assign_mode: "USER", user_id: org.user.dan });
    expect(disabled.status).toBe(409);
    expect(disabled.body).toMatchObject({ error_message: "NO_ASSIGNABLE_USER", payload: { user_id: org.user.dan } });
    const unknown = await reassign(org, room.chatroom_id, { assign_mode: "GROUP", group_id: "g_nobody" });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error_message: "NOT_FOUND", payload: { kind: "group" } });
    expect((await detail(app, room.chatroom_id, org)).members.map((member: { user_id: string }) => member.user_id)).toEqual([org.user.ann]);
    expect([...(await eventsOf(disabled)), ...(await eventsOf(unknown))]).toEqual([]);
  });

  it("R15, R24: a deactivation cancels a pending assignment, and its event says so", async () => {
    const org = await newOrg(app, { users: ["ann"] });
    const room = (await createRoom(app, { lead_id: (await newContact(app, {}, org)).id, assign_details: { assign_mode: "USER", user_id: org.user.ann, assign_on_handover: true } }, org)).body;
    expect((await onlyEventOf(await deactivate(org, room.chatroom_id))).changes).toEqual({
      status: { before: "active", after: "deactivated" },
      deactivation_reason: { before: null, after: "AGENT_REQUEST" },
      pending_assignment: { before: { assign_mode: "USER", user_id: org.user.ann, group_id: null }, after: null },
    });
    await activate(org, room.chatroom_id);
    expect((await detail(app, room.chatroom_id, org)).pending_assignment).toBeNull();
  });

  it("R16, R24: an activation's event holds status, reason and activity before and after, the mapping when it moves, and what it forced", async () => {
    const org = await newOrg(app);
    const lead = await newContact(app, {}, org);
    const room = (await createRoom(app, { lead_id: lead.id }, org)).body;
    await deactivate(org, room.chatroom_id, "SPAM");
    const createdAt = (await detail(app, room.chatroom_id, org)).last_activity_at;
    app.clock.advance(DAY);

    const activated = await activate(org, room.chatroom_id);
    const event = await onlyEventOf(activated);
    expect(event.action).toBe("chatroom.activated");
    expect(event.changes).toEqual({
      status: { before: "deactivated", after: "active" },
      deactivation_reason: { before: "SPAM", after: null },
      last_activity_at: { before: createdAt, after: (await detail(app, room.chatroom_id, org)).last_activity_at },
    });
    expect(event.details).toBeNull();

    await deactivate(org, room.chatroom_id);
    const other = (await createRoom(app, { lead_id: lead.id, remote_phone_id: org.phone.second }, org)).body;
    await deactivate(org, other.chatroom_id);
    const forced = await onlyEventOf(await activate(org, room.chatroom_id, true));
    expect(forced.changes).toMatchObject({ contact_mapping: { before: org.phone.second, after: org.phone.first } });
    expect(forced.details).toEqual({ force_deactivate: true, deactivated: [] });
  });

  it("R15, R16, R20: refusals of an expired room name it: its expiry, or its status; none is a conflict-log entry", async () => {
    const org = await newOrg(app, { users: ["ann"] });
    const room = (await createRoom(app, { lead_id: (await newContact(app, {}, org)).id }, org)).body;
    app.clock.advance(31 * DAY);
    const expired = { chatroom_id: room.chatroom_id, expiry_ts: room.expiry_ts };
    for (const refused of [await deactivate(org, room.chatroom_id), await activate(org, room.chatroom_id, true)]) {
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ error_message: "CHATROOM_EXPIRED", payload: expired });
      expect(refused.body.payload).toEqual(expired);
    }
    const reassigned = await reassign(org, room.chatroom_id, { assign_mode: "USER", user_id: org.user.ann });
    expect(reassigned.status).toBe(409);
    expect(reassigned.body).toMatchObject({ error_message: "CHATROOM_NOT_ACTIVE" });
    expect(reassigned.body.payload).toEqual({ chatroom_id: room.chatroom_id, status: "expired" });
    expect((await conflictsOf(org)).items).toEqual([]);
  });

  it("R7: NO_WABA_PHONE names the WABA without a phone, or says the org has none; it is no conflict-log entry", async () => {
    const withBare = await newOrg(app, { wabas: { main: ["first"], bare: [] } });
    const bare = await createRoom(app, { lead_id: (await newContact(app, {}, withBare)).id, remote_waba_id: withBare.waba.bare }, withBare);
    expect(bare.status).toBe(409);
    expect(bare.body).toMatchObject({
      error_message: "NO_WABA_PHONE",
      error_description: `WABA '${withBare.waba.bare}' has no phone.`,
      payload: { remote_waba_id: withBare.waba.bare },
    });

    const without = await newOrg(app, { wabas: {} });
    const none = await createRoom(app, { lead_id: (await newContact(app, {}, without)).id }, without);
    expect(none.status).toBe(409);
    expect(none.body).toMatchObject({ error_message: "NO_WABA_PHONE", error_description: "The org has no WABA phone.", payload: {} });
    expect(Object.keys(none.body.payload)).toEqual([]);
    expect([...(await conflictsOf(withBare)).items, ...(await conflictsOf(without)).items]).toEqual([]);
  });

  it("R7: a phone named with its own WABA is that phone; with another WABA it is not found", async () => {
    const org = await newOrg(app, { wabas: { main: ["first", "second"], other: ["third"] } });
    const lead = await newContact(app, {}, org);
    const named = await createRoom(app, { lead_id: lead.id, remote_waba_id: org.waba.main, remote_phone_id: org.phone.second }, org);
    expect(named.status, JSON.stringify(named.body)).toBe(200);
    expect((await detail(app, named.body.chatroom_id, org)).remote_phone_id).toBe(org.phone.second);
    const mismatched = await createRoom(app, { lead_id: lead.id, remote_waba_id: org.waba.other, remote_phone_id: org.phone.second }, org);
    expect(mismatched.status).toBe(404);
    expect(mismatched.body.payload).toMatchObject({ kind: "waba_phone" });
  });

  it("R11: relaxed mode takes the next free phone after the requested one, though an earlier one is free", async () => {
    const org = await newOrg(app, { wabas: { main: ["p1", "p2", "p3"] } });
    const number = uniqueNumber();
    const [x, y] = [await newContact(app, { phone_number: number }, org), await newContact(app, { phone_number: number }, org)];
    expect((await createRoom(app, { lead_id: y.id, remote_phone_id: org.phone.p2 }, org)).status).toBe(200);
    const relaxed = await createRoom(app, { lead_id: x.id, remote_phone_id: org.phone.p2, fail_if_chatroom_exists_on_other_waba_phone: false }, org);
    expect(relaxed.status, JSON.stringify(relaxed.body)).toBe(200);
    expect((await detail(app, relaxed.body.chatroom_id, org)).remote_phone_id).toBe(org.phone.p3);
  });

  it("R13: a given display name of only spaces counts as none, and the derived name skips blank parts", async () => {
    const org = await newOrg(app);
    const lead = await newContact(app, { first_name: "Ann", last_name: "Lee" }, org);
    const room = (await createRoom(app, { lead_id: lead.id, display_name: "   " }, org)).body;
    expect((await detail(app, room.chatroom_id, org)).display_name).toBe(`${lead.crm_id} Ann Lee`);
    const padded = await newContact(app, { first_name: "  ", last_name: " Lee " }, org);
    const derived = (await createRoom(app, { lead_id: padded.id }, org)).body;
    expect((await detail(app, derived.chatroom_id, org)).display_name).toBe(`${padded.crm_id} Lee`);
  });

  it("R9, R17: is_existing is true in every answer but a create's that creates: deactivate, activate, reassign, get, detail", async () => {
    const org = await newOrg(app, { users: ["ann"] });
    const lead = await newContact(app, {}, org);
    const room = (await createRoom(app, { lead_id: lead.id, assign_details: { assign_mode: "USER", user_id: org.user.ann } }, org)).body;
    expect(room.is_existing).toBe(false);
    const answers = [
      await activate(org, room.chatroom_id),
      await reassign(org, room.chatroom_id, { assign_mode: "USER", user_id: org.user.ann }),
      await deactivate(org, room.chatroom_id),
      await deactivate(org, room.chatroom_id),
      await activate(org, room.chatroom_id),
    ];
    for (const answer of answers) {
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.body).toMatchObject({ chatroom_id: room.chatroom_id, is_existing: true });
    }
    const byContact = await app.call("GET", `/v1/org/${org.id}/chatroom/contact/${lead.id}`, as(org));
    expect(byContact.body).toMatchObject({ chatroom_id: room.chatroom_id, is_existing: true, is_deactivated: false });
    expect(byContact.body.waba).toEqual({ remote_waba_id: org.waba.main, matrix_host_name: "matrix.test.example", name: "main" });
    expect((await detail(app, room.chatroom_id, org)).is_existing).toBe(true);
  });

  it("R25: the conflict log lists the org's own entries only, newest first, a page at a time", async () => {
    const conflictIn = async (org: TestOrg) => {
      const number = uniqueNumber();
      const [x, y] = [await newContact(app, { phone_number: number }, org), await newContact(app, { phone_number: number }, org)];
      const room = (await createRoom(app, { lead_id: x.id }, org)).body;
      expect((await createRoom(app, { lead_id: y.id }, org)).status).toBe(409);
      return { contact: y.id, room: room.chatroom_id };
    };
    const [org, neighbour] = [await newOrg(app), await newOrg(app)];
    const logged = [await conflictIn(org), await conflictIn(org), await conflictIn(org)];
    await conflictIn(neighbour);

    const first = await conflictsOf(org, "?limit=2");
    expect(first.items.map((item) => item.contact_id)).toEqual([logged[2]!.contact, logged[1]!.contact]);
    expect(first.items[0]!.conflicts.map((room) => room.chatroom_id)).toEqual([logged[2]!.room]);
    expect(first.next_cursor).not.toBeNull();
    const second = await conflictsOf(org, `?limit=2&cursor=${encodeURIComponent(first.next_cursor!)}`);
    expect(second.items.map((item) => item.contact_id)).toEqual([logged[0]!.contact]);
    expect(second.next_cursor).toBeNull();
  });

  describe("the list", () => {
    const list = (org: TestOrg, query: string) => app.call("GET", `/v1/org/${org.id}/chatrooms?${query}`, as(org));

    it("R6: a cursor is refused with another sort or another order, and read with its own", async () => {
      const org = await newOrg(app);
      for (let i = 0; i < 2; i += 1) await createRoom(app, { lead_id: (await newContact(app, {}, org)).id }, org);
      const cursor = encodeURIComponent((await list(org, "limit=1&sort=created&order=desc")).body.next_cursor);
      expect((await list(org, `limit=1&sort=created&order=desc&cursor=${cursor}`)).status).toBe(200);
      for (const query of [`sort=activity&order=desc`, `sort=created&order=asc`]) {
        const refused = await list(org, `limit=1&${query}&cursor=${cursor}`);
        expect(refused.status).toBe(400);
        expect(refused.body).toMatchObject({ error_message: "VALIDATION_FAILED", payload: { issues: [{ path: "query.cursor", message: "belongs to another sort or order" }] } });
      }
    });

    it("R6: a page read backwards always has a next page; an empty cursor is a first page, with no previous one", async () => {
      const org = await newOrg(app);
      for (let i = 0; i < 3; i += 1) await createRoom(app, { lead_id: (await newContact(app, {}, org)).id }, org);
      const first = await list(org, "limit=1");
      const second = await list(org, `limit=1&cursor=${encodeURIComponent(first.body.next_cursor)}`);
      const back = await list(org, `limit=1&cursor=${encodeURIComponent(second.body.prev_cursor)}`);
      expect(back.body.items.map((room: { chatroom_id: string }) => room.chatroom_id)).toEqual(first.body.items.map((room: { chatroom_id: string }) => room.chatroom_id));
      expect(back.body.next_cursor).not.toBeNull();
      expect(back.body.prev_cursor).toBeNull();
      const empty = await list(org, "limit=1&cursor=");
      expect(empty.status).toBe(200);
      expect(empty.body.prev_cursor).toBeNull();
    });

    it("R13: the search matches a given display name", async () => {
      const org = await newOrg(app);
      const named = (await createRoom(app, { lead_id: (await newContact(app, {}, org)).id, display_name: "Quartz Zebra" }, org)).body;
      await createRoom(app, { lead_id: (await newContact(app, {}, org)).id }, org);
      const found = await list(org, "q=quartz");
      expect(found.body.items.map((room: { chatroom_id: string }) => room.chatroom_id)).toEqual([named.chatroom_id]);
    });

    it("R6: the total is exact up to 10 000 rooms, and says 'at least' beyond", async () => {
      const org = await newOrg(app);
      const lead = await newContact(app, {}, org);
      const closedRooms = (count: number, from: number) =>
        app.database.db.execute(sql`
          insert into chatrooms (id, org_id, contact_id, remote_phone_id, phone_number, display_name, display_name_derived,
            external_ref_id, history_visibility, created_at, last_activity_at, expiry_ts, inactivity_deadline, deactivated_at, deactivation_reason)
          select ${org.id} || '_cr_' || n, ${org.id}, ${lead.id}, ${org.phone.first}, ${lead.phone_number}, 'bulk', false,
            '!' || ${org.id} || n || ':matrix.test.example', 'shared', now(), now(), now() + interval '30 days', now() + interval '7 days', now(), 'SPAM'
          from generate_series(${from}::int, ${from + count - 1}::int) as n`);
      await closedRooms(10_000, 1);
      expect((await list(org, "limit=1")).body.total).toEqual({ count: 10_000, exact: true });
      await closedRooms(1, 10_001);
      expect((await list(org, "limit=1")).body.total).toEqual({ count: 10_000, exact: false });
    });
  });
});

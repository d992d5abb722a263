import { count, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit/record";
import { sweepLapsedChatrooms } from "@/lib/chatrooms/sweeper";
import { auditEvents, events, users } from "@/lib/db/schema";
import { rowsOf } from "@/lib/db/sql";
import { systemActor } from "@/lib/principals/actor";
import { useTestApp } from "@/lib/testing/app";
import { eventsAfter, latestEventId, type SeenEvent } from "@/lib/testing/events";
import { tokens } from "@/lib/testing/fixture";
import { createRoom, DAY, detail, newContact } from "@/lib/testing/helpers";
import { deliver, delivery, textMessage } from "@/lib/testing/whatsapp";
import { EVENT_TYPES } from "./schemas";

const types = (seen: SeenEvent[]) => seen.map((event) => event.type);

describe("events: one per change, in the transaction of the change", () => {
  const app = useTestApp();
  const say = async (phoneNumber: string, text: string) => {
    expect((await deliver(app, delivery({ messages: [textMessage(phoneNumber, text)] }))).status).toBe(200);
  };

  it("R24: a create writes chatroom.created with the chatroom detail after the change and the request's actor", async () => {
    const lead = await newContact(app);
    const start = await latestEventId(app);
    const room = await createRoom(app, { lead_id: lead.id, assign_details: { assign_mode: "USER", user_id: "u_agent1" } });
    expect(room.status).toBe(200);
    const seen = await eventsAfter(app, start);
    expect(types(seen)).toEqual(["chatroom.created"]);
    expect(seen[0]).toMatchObject({
      org_id: "org_a",
      chatroom_id: room.body.chatroom_id,
      actor: { type: "user", id: "u_admin_a", on_behalf_of: null, impersonator: null },
    });
    expect(seen[0]!.data).toEqual(await detail(app, room.body.chatroom_id));
    expect(seen[0]!.occurred_at).toBe(seen[0]!.data.created_at);
  });

  it("R24: every kind of change writes its event; the event types are the documented ones", async () => {
    const lead = await newContact(app);
    const start = await latestEventId(app);
    const room = (await createRoom(app, { lead_id: lead.id, assign_details: { assign_mode: "USER", user_id: "u_agent1", assign_on_handover: true } })).body;
    await say(lead.phone_number, "hello");
    await app.call("POST", `/v1/org/org_a/chatrooms/${room.chatroom_id}/messages`, { token: tokens.agent1A, body: { text: "hi" } });
    await app.call("POST", `/v2/org/org_a/waba/chatroom/${room.chatroom_id}/reassign`, { body: { user_id: "u_agent2" } });
    await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${room.chatroom_id}/deactivate`, { body: { deactivation_reason: "SPAM" } });
    await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${room.chatroom_id}/activate`);
    await app.call("PUT", `/v1/orgs/org_a/contact/${lead.id}`, { body: { first_name: "Renamed" } });
    await app.call("PUT", "/v1/org/org_a/config", { body: { group_strategy: "LEAST_ACTIVE" } });
    await app.call("PUT", "/v1/org/org_a/config", { body: { group_strategy: "ROUND_ROBIN" } });

    const seen = await eventsAfter(app, start);
    expect(types(seen)).toEqual([
      "chatroom.created",
      "message.received",
      "chatroom.handover_completed",
      "message.sent",
      "chatroom.reassigned",
      "chatroom.deactivated",
      "chatroom.activated",
      "contact.updated",
      "chatroom.renamed",
      "config.updated",
      "config.updated",
    ]);
    for (const event of seen) expect(EVENT_TYPES).toContain(event.type);
    const byType = (type: string) => seen.filter((event) => event.type === type);
    expect(byType("message.received")[0]!.data).toMatchObject({ direction: "inbound", text: "hello", chatroom_id: room.chatroom_id });
    expect(byType("message.received")[0]!.actor).toEqual({ type: "system", id: null, on_behalf_of: null, impersonator: null });
    expect(byType("message.sent")[0]).toMatchObject({ actor: { type: "user", id: "u_agent1" }, data: { text: "hi", sender: { type: "user", id: "u_agent1" } } });
    expect(byType("chatroom.handover_completed")[0]!.data.members.map((member: { user_id: string }) => member.user_id)).toEqual(["u_agent1"]);
    expect(byType("chatroom.reassigned")[0]!.data.members.map((member: { user_id: string }) => member.user_id)).toEqual(["u_agent2"]);
    expect(byType("chatroom.deactivated")[0]!.data).toMatchObject({ status: "deactivated", deactivation_reason: "SPAM" });
    expect(byType("chatroom.renamed")[0]!.data.display_name).toContain("Renamed");
    expect(byType("contact.updated")[0]!.data).toMatchObject({ id: lead.id, first_name: "Renamed" });
    expect(byType("config.updated").map((event) => event.data.group_strategy)).toEqual(["LEAST_ACTIVE", "ROUND_ROBIN"]);
    expect(byType("config.updated")[0]!.data).toEqual({ inactivity_days: 7, expiry_days: 30, history_visibility: "shared", group_strategy: "LEAST_ACTIVE" });
    // The data is the state after the change: the last event's detail is the room's detail now.
    expect(byType("chatroom.renamed")[0]!.data).toEqual(await detail(app, room.chatroom_id));
  });

  it("R24: an impersonated change names the user as the actor and the impersonator beside it", async () => {
    const lead = await newContact(app);
    const room = (await createRoom(app, { lead_id: lead.id })).body;
    const start = await latestEventId(app);
    await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${room.chatroom_id}/deactivate`, {
      token: tokens.partnerLinked,
      headers: { "x-impersonate-user": "u_admin_a" },
      body: {},
    });
    const seen = await eventsAfter(app, start);
    expect(seen.map((event) => event.actor)).toEqual([
      { type: "user", id: "u_admin_a", on_behalf_of: null, impersonator: { type: "partner", id: "p_linked" } },
    ]);
  });

  it("R15, R20: a request that changes nothing writes no event", async () => {
    const lead = await newContact(app);
    const room = (await createRoom(app, { lead_id: lead.id, assign_details: { assign_mode: "USER", user_id: "u_agent1" } })).body;
    await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${room.chatroom_id}/deactivate`, { body: {} });
    const start = await latestEventId(app);
    expect((await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${room.chatroom_id}/deactivate`, { body: {} })).status).toBe(200);
    const other = (await createRoom(app, { lead_id: (await newContact(app)).id, assign_details: { assign_mode: "USER", user_id: "u_agent1" } })).body;
    const afterCreate = await latestEventId(app);
    expect((await app.call("POST", `/v2/org/org_a/waba/chatroom/${other.chatroom_id}/reassign`, { body: { user_id: "u_agent1" } })).status).toBe(200);
    expect(types(await eventsAfter(app, start))).toEqual(["contact.created", "chatroom.created"]);
    expect(await eventsAfter(app, afterCreate)).toEqual([]);
  });

  it("R24, R25: a rejected request writes no event; a refused create writes only its conflict.recorded, the entry as the conflicts list has it", async () => {
    const start = await latestEventId(app);
    expect((await createRoom(app, { lead_id: "c_missing" })).status).toBe(404);
    expect((await createRoom(app, { lead_id: "" })).status).toBe(400);
    expect((await app.call("PUT", "/v1/org/org_a/config", { token: tokens.memberA, body: { expiry_days: 9 } })).status).toBe(403);
    expect(await eventsAfter(app, start)).toEqual([]);

    const holder = await createRoom(app, { lead_id: "c_1" });
    expect(holder.status).toBe(200);
    const beforeConflict = await latestEventId(app);
    const refused = await createRoom(app, { lead_id: "c_2" });
    expect(refused.body.error_message).toBe("CHATROOM_EXISTS_FOR_PHONE");
    const seen = await eventsAfter(app, beforeConflict);
    expect(types(seen)).toEqual(["conflict.recorded"]);
    const [entry] = (await app.call("GET", "/v1/org/org_a/conflicts?limit=1")).body.items;
    expect(seen[0]!.data).toEqual(entry);
    expect(seen[0]!.actor).toMatchObject({ type: "user", id: "u_admin_a" });
    expect(seen[0]!.data.conflicts.map((room: { chatroom_id: string }) => room.chatroom_id)).toEqual([holder.body.chatroom_id]);
    await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${holder.body.chatroom_id}/deactivate`, { body: {} });
  });

  it("I3: a transaction that rolls back leaves neither its audit event nor its event", async () => {
    const [before] = await app.database.db.select({ n: count() }).from(events);
    await expect(
      app.database.db.transaction(async (tx) => {
        await recordAudit(tx, { orgId: "org_a", actor: systemActor, requestId: "req_rolled_back", note: null }, [
          { chatroomId: null, action: "contact.updated", changes: {}, details: { contact_id: "c_1" }, at: app.clock.now() },
        ]);
        const [inside] = await tx.select({ n: count() }).from(events);
        expect(inside!.n).toBe(before!.n + 1);
        throw new Error("the change fails after its audit event");
      }),
    ).rejects.toThrow("the change fails");
    const [after] = await app.database.db.select({ n: count() }).from(events);
    expect(after!.n).toBe(before!.n);
    expect(await app.database.db.select().from(auditEvents).where(eq(auditEvents.requestId, "req_rolled_back"))).toEqual([]);
  });

  it("R4: lapses written out are chatroom.lapsed, dated at the deadline, with the state as of it", async () => {
    await sweepLapsedChatrooms({ db: app.database.db, clock: app.clock });
    const quiet = (await createRoom(app, { lead_id: (await newContact(app)).id, assign_details: { assign_mode: "USER", user_id: "u_agent1", assign_on_handover: true } })).body;
    const start = await latestEventId(app);
    app.clock.advance(7 * DAY + 1000);
    await sweepLapsedChatrooms({ db: app.database.db, clock: app.clock });
    app.clock.advance(30 * DAY);
    await sweepLapsedChatrooms({ db: app.database.db, clock: app.clock });
    const lapses = (await eventsAfter(app, start)).filter((event) => event.chatroom_id === quiet.chatroom_id);
    expect(types(lapses)).toEqual(["chatroom.lapsed", "chatroom.lapsed"]);
    expect(lapses.map((event) => event.actor)).toEqual([systemActorJson, systemActorJson]);
    expect(lapses[0]).toMatchObject({
      occurred_at: quiet.deactivation_ts,
      data: { status: "deactivated", deactivation_reason: "INACTIVITY", is_expired: false, pending_assignment: null },
    });
    expect(lapses[1]).toMatchObject({ occurred_at: quiet.expiry_ts, data: { status: "expired", is_expired: true } });
    expect(lapses[1]!.data).toEqual(await detail(app, quiet.chatroom_id));
  });

  it("R4: an inactivity and an expiry written out by one statement each carry the state as of their own deadline", async () => {
    await sweepLapsedChatrooms({ db: app.database.db, clock: app.clock });
    const room = (await createRoom(app, { lead_id: (await newContact(app)).id })).body;
    const start = await latestEventId(app);
    app.clock.advance(31 * DAY);
    await sweepLapsedChatrooms({ db: app.database.db, clock: app.clock });
    const lapses = (await eventsAfter(app, start)).filter((event) => event.chatroom_id === room.chatroom_id);
    expect(lapses.map((event) => [event.occurred_at, event.data.status])).toEqual([
      [room.deactivation_ts, "deactivated"],
      [room.expiry_ts, "expired"],
    ]);
  });

  it("R21: a failed handover writes chatroom.handover_failed after its message.received", async () => {
    const lead = await newContact(app);
    const room = (await createRoom(app, { lead_id: lead.id, assign_details: { assign_mode: "USER", user_id: "u_agent3", assign_on_handover: true } })).body;
    await app.database.db.update(users).set({ active: false }).where(eq(users.id, "u_agent3"));
    try {
      const start = await latestEventId(app);
      await say(lead.phone_number, "anyone?");
      const seen = await eventsAfter(app, start);
      expect(types(seen)).toEqual(["message.received", "chatroom.handover_failed"]);
      expect(seen[1]!.data).toMatchObject({ chatroom_id: room.chatroom_id, pending_assignment: { assign_mode: "USER", user_id: "u_agent3" } });
    } finally {
      await app.database.db.update(users).set({ active: true }).where(eq(users.id, "u_agent3"));
    }
  });

  it("the data of every chatroom event equals what the API answered for the room at that moment", async () => {
    // Rooms in every state the SQL that builds the data has to tell apart.
    const start = await latestEventId(app);
    const rooms = [];
    for (const assign of [undefined, { assign_mode: "GROUP", group_id: "g_sales" }, { assign_mode: "USER", user_id: "u_agent2", assign_on_handover: true }]) {
      const room = (await createRoom(app, { lead_id: (await newContact(app)).id, ...(assign ? { assign_details: assign } : {}) })).body;
      rooms.push(room.chatroom_id);
    }
    await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${rooms[0]}/deactivate`, { body: { deactivation_reason: "WRONG_NUMBER" } });
    const snapshots = await Promise.all(rooms.map((id) => detail(app, id)));
    const seen = await eventsAfter(app, start);
    for (const [i, id] of rooms.entries()) {
      const last = seen.filter((event) => event.chatroom_id === id).at(-1)!;
      expect(last.data).toEqual(snapshots[i]);
    }
  });

  it("a bad `after` or `types` is a 400 that names the parameter", async () => {
    const bad = await app.call("GET", "/v1/org/org_a/events?after=42");
    expect(bad.status).toBe(400);
    expect(bad.body.payload.issues[0].path).toBe("query.after");
    const unknown = await app.call("GET", "/v1/org/org_a/events?types=chatroom.created,chatroom.exploded");
    expect(unknown.status).toBe(400);
    expect(unknown.body.error_description).toContain("chatroom.exploded");
  });

  it("`types` keeps only those types, and next_cursor moves on past the others", async () => {
    const start = await latestEventId(app);
    const lead = await newContact(app);
    await createRoom(app, { lead_id: lead.id });
    const onlyRooms = await eventsAfter(app, start, { types: "chatroom.created" });
    expect(types(onlyRooms)).toEqual(["chatroom.created"]);
    const firstPage = await app.call("GET", `/v1/org/org_a/events?after=${start}&types=chatroom.created&limit=1`);
    expect(firstPage.body.items).toEqual([]);
    expect(firstPage.body.next_cursor).toMatch(/^[0-9a-f]{32}$/);
    const secondPage = await app.call("GET", `/v1/org/org_a/events?after=${firstPage.body.next_cursor}&types=chatroom.created&limit=1`);
    expect(types(secondPage.body.items)).toEqual(["chatroom.created"]);
  });

  it("every event of an audit event: the two tables agree after everything above", async () => {
    const audit = await app.database.db.execute(sql`select count(*)::int as n from ${auditEvents}`);
    const fromAudit = await app.database.db.execute(
      sql`select count(*)::int as n from ${events} where ${events.type} not in ('message.received', 'message.sent', 'conflict.recorded')`,
    );
    expect(rowsOf<{ n: number }>(fromAudit)[0]!.n).toBe(rowsOf<{ n: number }>(audit)[0]!.n);
  });
});

const systemActorJson = { type: "system", id: null, on_behalf_of: null, impersonator: null };

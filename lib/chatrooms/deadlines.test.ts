import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "@/lib/db/schema";
import { useTestApp } from "@/lib/testing/app";
import { createRoom, DAY, detail, newContact, newOrg, uniqueNumber, withFrozenClock, type TestOrg } from "@/lib/testing/helpers";
import { deliver, delivery, textMessage } from "@/lib/testing/whatsapp";
import { sweepLapsedChatrooms } from "./sweeper";

/**
 * The deadlines of R1, R2 and R5 on both sides, to the millisecond: each test freezes the clock and runs
 * in an org of its own (its config is the test's), so it passes or fails the same alone or in any order.
 */
describe("deadlines at the millisecond (R1, R2, R4, R5)", () => {
  const app = useTestApp();
  const iso = (ms: number) => new Date(ms).toISOString();
  const setClock = (ms: number) => app.clock.set(new Date(ms));

  const lapseEventsOf = (chatroomIds: string[]) =>
    app.database.db
      .select({ chatroomId: auditEvents.chatroomId, action: auditEvents.action, actorType: auditEvents.actorType, at: auditEvents.at })
      .from(auditEvents)
      .where(and(inArray(auditEvents.chatroomId, chatroomIds), inArray(auditEvents.action, ["chatroom.deactivated", "chatroom.expired"])))
      .orderBy(auditEvents.id);

  /** Two contacts of `org` sharing a fresh number; the first holds a new chatroom. */
  async function holderAndSharer(org: TestOrg) {
    const number = uniqueNumber();
    const holder = await newContact(app, { phone_number: number }, org);
    const sharer = await newContact(app, { phone_number: number }, org);
    const created = await createRoom(app, { lead_id: holder.id }, org);
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    return { holder, sharer, room: created.body as { chatroom_id: string; expiry_ts: string; deactivation_ts: string } };
  }

  it("R1: active and blocking until 1 ms before created_at + expiry_days; expired, final and not blocking from that instant", async () => {
    const org = await newOrg(app, { config: { expiry_days: 3, inactivity_days: 7 } });
    const t0 = app.clock.now().getTime();
    await withFrozenClock(app, new Date(t0), async () => {
      const { holder, sharer, room } = await holderAndSharer(org);
      const deadline = t0 + 3 * DAY;
      expect(room.expiry_ts).toBe(iso(deadline));

      setClock(deadline - 1);
      expect(await detail(app, room.chatroom_id, org)).toMatchObject({ status: "active", is_expired: false, is_deactivated: false });
      const blocked = await createRoom(app, { lead_id: sharer.id }, org);
      expect(blocked.body.error_message).toBe("CHATROOM_EXISTS_FOR_PHONE");
      expect((await app.call("GET", `/v1/org/${org.id}/chatrooms?status=active&contact_id=${holder.id}`, { token: org.token })).body.items).toHaveLength(1);

      setClock(deadline);
      expect(await detail(app, room.chatroom_id, org)).toMatchObject({ status: "expired", is_expired: true, is_deactivated: false, expiry_ts: iso(deadline) });
      // Reads compute without writing (R4): the lists' filters hold at the instant too.
      expect((await app.call("GET", `/v1/org/${org.id}/chatrooms?status=active&contact_id=${holder.id}`, { token: org.token })).body.items).toEqual([]);
      const byContact = await app.call("GET", `/v1/org/${org.id}/chatroom/contact/${holder.id}`, { token: org.token });
      expect(byContact.body).toMatchObject({ chatroom_id: room.chatroom_id, is_expired: true });
      expect((await app.call("GET", `/v1/org/${org.id}/chatrooms?status=expired&contact_id=${holder.id}`, { token: org.token })).body.items).toHaveLength(1);
      for (const path of [`activate?force_deactivate=true`, "deactivate"]) {
        const refused = await app.call("PUT", `/v1/org/${org.id}/contacts/chatroom/${room.chatroom_id}/${path}`, { token: org.token, body: path === "deactivate" ? {} : undefined });
        expect(refused.body.error_message, path).toBe("CHATROOM_EXPIRED");
      }
      // At the deadline it blocks nothing; the create that touches it writes the lapse out, dated at the deadline (R4).
      const created = await createRoom(app, { lead_id: sharer.id }, org);
      expect(created.status).toBe(200);
      expect(await lapseEventsOf([room.chatroom_id])).toEqual([{ chatroomId: room.chatroom_id, action: "chatroom.expired", actorType: "system", at: new Date(deadline) }]);
    });
  });

  it("R2: active until 1 ms before last_activity_at + inactivity_days; deactivated for INACTIVITY as of that instant", async () => {
    const org = await newOrg(app, { config: { expiry_days: 30, inactivity_days: 2 } });
    const t0 = app.clock.now().getTime();
    await withFrozenClock(app, new Date(t0), async () => {
      const { holder, sharer, room } = await holderAndSharer(org);
      const deadline = t0 + 2 * DAY;
      const listed = async (status: string) =>
        (await app.call("GET", `/v1/org/${org.id}/chatrooms?status=${status}&contact_id=${holder.id}`, { token: org.token })).body.items.length;
      expect(room.deactivation_ts).toBe(iso(deadline));

      setClock(deadline - 1);
      expect(await detail(app, room.chatroom_id, org)).toMatchObject({ status: "active", is_deactivated: false, deactivation_reason: null });
      expect([await listed("active"), await listed("deactivated")]).toEqual([1, 0]);
      expect((await createRoom(app, { lead_id: sharer.id }, org)).body.error_message).toBe("CHATROOM_EXISTS_FOR_PHONE");
      await sweepLapsedChatrooms({ db: app.database.db, clock: app.clock });
      expect(await lapseEventsOf([room.chatroom_id])).toEqual([]);

      setClock(deadline);
      expect(await detail(app, room.chatroom_id, org)).toMatchObject({
        status: "deactivated",
        is_deactivated: true,
        is_expired: false,
        deactivation_reason: "INACTIVITY",
        deactivation_ts: iso(deadline),
      });
      expect([await listed("active"), await listed("deactivated")]).toEqual([0, 1]);
      await sweepLapsedChatrooms({ db: app.database.db, clock: app.clock });
      expect(await lapseEventsOf([room.chatroom_id])).toEqual([{ chatroomId: room.chatroom_id, action: "chatroom.deactivated", actorType: "system", at: new Date(deadline) }]);
      expect((await createRoom(app, { lead_id: sharer.id }, org)).status).toBe(200);
    });
  });

  it("R2: an inbound message moves the deadline to its receipt time + inactivity_days, to the millisecond", async () => {
    const org = await newOrg(app, { config: { expiry_days: 30, inactivity_days: 2 } });
    const t0 = app.clock.now().getTime();
    await withFrozenClock(app, new Date(t0), async () => {
      const lead = await newContact(app, {}, org);
      const room = (await createRoom(app, { lead_id: lead.id }, org)).body;
      const receivedAt = t0 + DAY + 123;
      setClock(receivedAt);
      const answer = await deliver(app, delivery({ messages: [textMessage(lead.phone_number, "still here")] }, org.phone.first));
      expect(answer.body).toEqual({ received: 1 });
      expect(await detail(app, room.chatroom_id, org)).toMatchObject({ last_activity_at: iso(receivedAt), deactivation_ts: iso(receivedAt + 2 * DAY) });
      setClock(receivedAt + 2 * DAY - 1);
      expect((await detail(app, room.chatroom_id, org)).status).toBe("active");
      setClock(receivedAt + 2 * DAY);
      expect(await detail(app, room.chatroom_id, org)).toMatchObject({ status: "deactivated", deactivation_reason: "INACTIVITY" });
    });
  });

  it("R2: an inactivity deadline that is not before expiry never deactivates: the room expires instead", async () => {
    const org = await newOrg(app, { config: { expiry_days: 3, inactivity_days: 3 } });
    const t0 = app.clock.now().getTime();
    await withFrozenClock(app, new Date(t0), async () => {
      const lead = await newContact(app, {}, org);
      const room = (await createRoom(app, { lead_id: lead.id }, org)).body;
      setClock(t0 + 3 * DAY);
      expect(await detail(app, room.chatroom_id, org)).toMatchObject({ status: "expired", is_expired: true, is_deactivated: false, deactivation_reason: null });
      await sweepLapsedChatrooms({ db: app.database.db, clock: app.clock });
      expect((await lapseEventsOf([room.chatroom_id])).map((event) => event.action)).toEqual(["chatroom.expired"]);
    });
  });

  it("R5: a shorter expiry_days writes out what lapsed under the old value as of its old deadline; live rooms get the later of formula and now", async () => {
    const org = await newOrg(app, { config: { expiry_days: 10, inactivity_days: 3650 } });
    const t0 = app.clock.now().getTime();
    await withFrozenClock(app, new Date(t0), async () => {
      const rooms: Record<string, string> = {};
      for (const [name, createdAt] of [
        ["lapsedLongAgo", t0],
        ["lapsedJustBefore", t0 + 5 * DAY],
        ["formulaPast", t0 + 12 * DAY],
        ["formulaAhead", t0 + 14 * DAY],
      ] as const) {
        setClock(createdAt);
        rooms[name] = (await createRoom(app, { lead_id: (await newContact(app, {}, org)).id }, org)).body.chatroom_id;
      }
      const changedAt = t0 + 16 * DAY;
      setClock(changedAt);
      const changed = await app.call("PUT", `/v1/org/${org.id}/config`, { token: org.token, body: { expiry_days: 3 } });
      expect(changed.status).toBe(200);

      // Lapsed under the old value: written out at the old deadline; expiry is final, whatever the new formula says.
      expect(await lapseEventsOf([rooms.lapsedLongAgo!, rooms.lapsedJustBefore!])).toEqual([
        { chatroomId: rooms.lapsedLongAgo, action: "chatroom.expired", actorType: "system", at: new Date(t0 + 10 * DAY) },
        { chatroomId: rooms.lapsedJustBefore, action: "chatroom.expired", actorType: "system", at: new Date(t0 + 15 * DAY) },
      ]);
      expect(await detail(app, rooms.lapsedJustBefore!, org)).toMatchObject({ status: "expired", expiry_ts: iso(t0 + 15 * DAY) });
      // Live at the change: the new formula (created + 3 days) when it is later than the change, else the change.
      expect(await detail(app, rooms.formulaPast!, org)).toMatchObject({ status: "expired", expiry_ts: iso(changedAt) });
      expect(await detail(app, rooms.formulaAhead!, org)).toMatchObject({ status: "active", expiry_ts: iso(t0 + 17 * DAY) });
      setClock(t0 + 17 * DAY - 1);
      expect((await detail(app, rooms.formulaAhead!, org)).status).toBe("active");
      setClock(t0 + 17 * DAY);
      expect((await detail(app, rooms.formulaAhead!, org)).status).toBe("expired");

      // A longer expiry_days moves a live deadline later.
      setClock(t0 + 20 * DAY);
      const later = (await createRoom(app, { lead_id: (await newContact(app, {}, org)).id }, org)).body;
      expect(later.expiry_ts).toBe(iso(t0 + 23 * DAY));
      expect((await app.call("PUT", `/v1/org/${org.id}/config`, { token: org.token, body: { expiry_days: 40 } })).status).toBe(200);
      expect((await detail(app, later.chatroom_id, org)).expiry_ts).toBe(iso(t0 + 60 * DAY));
    });
  });

  it("R5: a shorter inactivity_days writes out old lapses at their old deadlines and reschedules live rooms, both sides of the new deadline", async () => {
    const org = await newOrg(app, { config: { expiry_days: 3650, inactivity_days: 5 } });
    const t0 = app.clock.now().getTime();
    await withFrozenClock(app, new Date(t0), async () => {
      const rooms: Record<string, string> = {};
      for (const [name, createdAt] of [
        ["lapsed", t0],
        ["formulaPast", t0 + 2 * DAY],
        ["formulaAhead", t0 + 4 * DAY],
        ["deactivated", t0 + 4 * DAY],
      ] as const) {
        setClock(createdAt);
        rooms[name] = (await createRoom(app, { lead_id: (await newContact(app, {}, org)).id }, org)).body.chatroom_id;
      }
      await app.call("PUT", `/v1/org/${org.id}/contacts/chatroom/${rooms.deactivated}/deactivate`, { token: org.token, body: {} });
      const changedAt = t0 + 6 * DAY;
      setClock(changedAt);
      expect((await app.call("PUT", `/v1/org/${org.id}/config`, { token: org.token, body: { inactivity_days: 3 } })).status).toBe(200);

      expect(await lapseEventsOf([rooms.lapsed!])).toEqual([{ chatroomId: rooms.lapsed, action: "chatroom.deactivated", actorType: "system", at: new Date(t0 + 5 * DAY) }]);
      expect(await detail(app, rooms.formulaPast!, org)).toMatchObject({ status: "deactivated", deactivation_reason: "INACTIVITY", deactivation_ts: iso(changedAt) });
      expect(await detail(app, rooms.formulaAhead!, org)).toMatchObject({ status: "active", deactivation_ts: iso(t0 + 7 * DAY) });
      setClock(t0 + 7 * DAY - 1);
      expect((await detail(app, rooms.formulaAhead!, org)).status).toBe("active");
      setClock(t0 + 7 * DAY);
      expect(await detail(app, rooms.formulaAhead!, org)).toMatchObject({ status: "deactivated", deactivation_ts: iso(t0 + 7 * DAY) });
      // A room deactivated by hand keeps its own deactivation; activated again, it gets the new value.
      const deactivated = await detail(app, rooms.deactivated!, org);
      expect(deactivated).toMatchObject({ status: "deactivated", deactivation_reason: "AGENT_REQUEST", deactivation_ts: iso(t0 + 4 * DAY) });
      const activated = await app.call("PUT", `/v1/org/${org.id}/contacts/chatroom/${rooms.deactivated}/activate`, { token: org.token });
      expect(activated.body.deactivation_ts).toBe(iso(t0 + 10 * DAY));
    });
  });

  it("R5: a change that changes nothing reschedules nothing and writes no event (R24)", async () => {
    const org = await newOrg(app, { config: { expiry_days: 10, inactivity_days: 5 } });
    const lead = await newContact(app, {}, org);
    const room = (await createRoom(app, { lead_id: lead.id }, org)).body;
    const same = await app.call("PUT", `/v1/org/${org.id}/config`, { token: org.token, body: { expiry_days: 10, inactivity_days: 5 } });
    expect(same.status).toBe(200);
    const events = await app.database.db.select().from(auditEvents).where(eq(auditEvents.requestId, same.headers.get("x-request-id")!));
    expect(events).toEqual([]);
    expect(await detail(app, room.chatroom_id, org)).toMatchObject({ expiry_ts: room.expiry_ts, deactivation_ts: room.deactivation_ts });
  });
});

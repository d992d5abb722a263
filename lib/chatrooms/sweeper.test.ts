import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, inject, it, vi } from "vitest";
import { auditEvents, chatrooms, pendingAssignments } from "@/lib/db/schema";
import { useTestApp } from "@/lib/testing/app";
import { createRoom, DAY, detail, newContact } from "@/lib/testing/helpers";
import { startSweeper, sweepLapsedChatrooms } from "./sweeper";

describe("the sweeper", () => {
  const app = useTestApp();
  const services = () => ({ db: app.database.db, clock: app.clock });

  const lapseEventsOf = (ids: string[]) =>
    app.database.db
      .select()
      .from(auditEvents)
      .where(and(inArray(auditEvents.chatroomId, ids), inArray(auditEvents.action, ["chatroom.deactivated", "chatroom.expired"])))
      .orderBy(auditEvents.id);

  /** Writes out every lapse due now, so that each test starts from a swept database. */
  const sweepEverything = () => sweepLapsedChatrooms(services());

  it("R2: closes chatrooms past their inactivity deadline as of the deadline, with a system event, and cancels pending assignments", async () => {
    await sweepEverything();
    const quiet = await newContact(app);
    const pending = await newContact(app);
    const lively = await newContact(app);
    const quietRoom = (await createRoom(app, { lead_id: quiet.id })).body;
    const pendingRoom = (await createRoom(app, {
      lead_id: pending.id,
      assign_details: { assign_mode: "USER", user_id: "u_agent1", assign_on_handover: true },
    })).body;
    app.clock.advance(3 * DAY);
    const livelyRoom = (await createRoom(app, { lead_id: lively.id })).body;
    app.clock.advance(4 * DAY + 1000);

    const result = await sweepLapsedChatrooms(services(), { batchSize: 1 });
    // Seven days on, rooms of tests that ran before this one may lapse too; its own are checked below.
    expect(result.closed).toBeGreaterThanOrEqual(2);
    const [stored] = await app.database.db.select().from(chatrooms).where(eq(chatrooms.id, quietRoom.chatroom_id));
    expect(stored).toMatchObject({ deactivationReason: "INACTIVITY", expiredAt: null });
    expect(stored!.deactivatedAt!.toISOString()).toBe(quietRoom.deactivation_ts);
    const events = await lapseEventsOf([quietRoom.chatroom_id, pendingRoom.chatroom_id, livelyRoom.chatroom_id]);
    expect(events.map((event) => [event.chatroomId, event.action])).toEqual(
      expect.arrayContaining([
        [quietRoom.chatroom_id, "chatroom.deactivated"],
        [pendingRoom.chatroom_id, "chatroom.deactivated"],
      ]),
    );
    expect(events).toHaveLength(2);
    const quietEvent = events.find((event) => event.chatroomId === quietRoom.chatroom_id)!;
    expect(quietEvent).toMatchObject({
      actorType: "system",
      actorId: null,
      changes: { status: { before: "active", after: "deactivated" }, deactivation_reason: { before: null, after: "INACTIVITY" } },
    });
    expect(quietEvent.at.toISOString()).toBe(quietRoom.deactivation_ts);
    expect(quietEvent.requestId).toMatch(/^sweep_/);
    expect(await app.database.db.select().from(pendingAssignments).where(eq(pendingAssignments.chatroomId, pendingRoom.chatroom_id))).toEqual([]);
    expect((await detail(app, livelyRoom.chatroom_id)).status).toBe("active");

    // Nothing left: a second sweep closes nothing and writes nothing.
    expect((await sweepLapsedChatrooms(services())).closed).toBe(0);
    expect(await lapseEventsOf([quietRoom.chatroom_id, pendingRoom.chatroom_id])).toHaveLength(2);
  });

  it("R4: writes out expiry too, after an inactivity lapse or a deactivation, each event dated at its deadline", async () => {
    await sweepEverything();
    const [a, b, c] = [await newContact(app), await newContact(app), await newContact(app)];
    const lapsedTwice = (await createRoom(app, { lead_id: a.id })).body;
    const deactivated = (await createRoom(app, { lead_id: b.id })).body;
    await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${deactivated.chatroom_id}/deactivate`, { body: {} });
    const kept = (await createRoom(app, { lead_id: c.id })).body;
    // An activation keeps `kept` alive through the inactivity period, but not past expiry.
    app.clock.advance(6 * DAY);
    await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${kept.chatroom_id}/deactivate`, { body: {} });
    await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${kept.chatroom_id}/activate`);
    app.clock.advance(25 * DAY);

    await sweepLapsedChatrooms(services());
    const events = await lapseEventsOf([lapsedTwice.chatroom_id, deactivated.chatroom_id, kept.chatroom_id]);
    const summary = events
      .filter((event) => event.actorType === "system")
      .map((event) => ({ id: event.chatroomId, action: event.action, before: event.changes.status!.before, at: event.at.toISOString() }));
    expect(summary).toEqual(
      expect.arrayContaining([
        { id: lapsedTwice.chatroom_id, action: "chatroom.deactivated", before: "active", at: lapsedTwice.deactivation_ts },
        { id: lapsedTwice.chatroom_id, action: "chatroom.expired", before: "deactivated", at: lapsedTwice.expiry_ts },
        { id: deactivated.chatroom_id, action: "chatroom.expired", before: "deactivated", at: deactivated.expiry_ts },
        { id: kept.chatroom_id, action: "chatroom.deactivated", before: "active", at: expect.any(String) },
        { id: kept.chatroom_id, action: "chatroom.expired", before: "deactivated", at: kept.expiry_ts },
      ]),
    );
    expect(summary).toHaveLength(5);
    // The deactivation comes before the expiry of the same room.
    const lapsedTwiceEvents = summary.filter((event) => event.id === lapsedTwice.chatroom_id).map((event) => event.action);
    expect(lapsedTwiceEvents).toEqual(["chatroom.deactivated", "chatroom.expired"]);
    expect((await detail(app, lapsedTwice.chatroom_id)).status).toBe("expired");
  });

  it.skipIf(!inject("postgresUrl"))("R4: two sweepers and creates at once close every overdue chatroom exactly once, one audit event each (PostgreSQL only: PGlite runs every transaction on one connection, so a missing lock could not show)", async () => {
    await sweepEverything();
    const owners = [];
    for (let i = 0; i < 40; i++) owners.push(await newContact(app));
    const rooms: string[] = [];
    for (const owner of owners) rooms.push((await createRoom(app, { lead_id: owner.id })).body.chatroom_id);
    // Contacts sharing the numbers of half the rooms: their creates write those lapses out themselves.
    const sharers = [];
    for (const owner of owners.slice(0, 20)) sharers.push(await newContact(app, { phone_number: owner.phone_number }));
    app.clock.advance(8 * DAY);

    const [first, second, ...creates] = await Promise.all([
      sweepLapsedChatrooms(services(), { batchSize: 3 }),
      sweepLapsedChatrooms(services(), { batchSize: 3 }),
      ...sharers.map((sharer) => createRoom(app, { lead_id: sharer.id })),
    ]);
    expect(creates.map((answer) => answer.status)).toEqual(Array(20).fill(200));
    // (The sweepers' own counts may include rooms of other tests that the 8 days made overdue: the events below
    // are what shows that each of these 40 was closed exactly once.)
    expect(first!.closed + second!.closed).toBeGreaterThan(0);

    const closed = await app.database.db.select().from(chatrooms).where(inArray(chatrooms.id, rooms));
    expect(closed.filter((room) => room.deactivationReason === "INACTIVITY")).toHaveLength(40);
    const events = await lapseEventsOf(rooms);
    expect(events).toHaveLength(40);
    expect(new Set(events.map((event) => event.chatroomId)).size).toBe(40);
    expect(events.every((event) => event.action === "chatroom.deactivated" && event.actorType === "system")).toBe(true);
    // The new rooms of the sharers are active and untouched.
    for (const answer of creates) expect((await detail(app, answer.body.chatroom_id)).status).toBe("active");
  });

  it("R4: the server's own sweeper closes overdue chatrooms on its interval", async () => {
    await sweepEverything();
    const lead = await newContact(app);
    const room = (await createRoom(app, { lead_id: lead.id })).body;
    app.clock.advance(8 * DAY);
    const stop = startSweeper(async () => services(), { intervalMs: 50, conflictRetentionDays: 90, eventRetentionDays: 30 });
    try {
      await vi.waitFor(
        async () => {
          const [stored] = await app.database.db.select().from(chatrooms).where(eq(chatrooms.id, room.chatroom_id));
          expect(stored!.deactivationReason).toBe("INACTIVITY");
        },
        { timeout: 10_000, interval: 100 },
      );
    } finally {
      stop();
    }
    expect(await lapseEventsOf([room.chatroom_id])).toHaveLength(1);
  });
});

import { eq } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { auditEvents, users } from "@/lib/db/schema";
import { useTestApp } from "@/lib/testing/app";
import { accountIds, tokens } from "@/lib/testing/fixture";
import { createRoom, DAY, detail, newContact } from "@/lib/testing/helpers";
import { deliver, delivery, textMessage } from "@/lib/testing/whatsapp";

const onPostgres = Boolean(inject("postgresUrl"));
const POSTGRES_ONLY = "(PostgreSQL only: PGlite runs every transaction on one connection, so a missing lock could not show)";

describe("messages, handover and group picks through the HTTP API", () => {
  const app = useTestApp();

  const eventsOf = (chatroomId: string) =>
    app.database.db.select().from(auditEvents).where(eq(auditEvents.chatroomId, chatroomId)).orderBy(auditEvents.id);
  const messagesOf = (chatroomId: string, options: { token?: string; headers?: Record<string, string> } = {}) =>
    app.call("GET", `/v1/org/org_a/chatrooms/${chatroomId}/messages`, options);
  const texts = (answer: { body: { items: { text: string }[] } }) => answer.body.items.map((item) => item.text);
  const say = async (phoneNumber: string, text: string) => {
    const answer = await deliver(app, delivery({ messages: [textMessage(phoneNumber, text)] }));
    expect(answer.status).toBe(200);
    return answer;
  };
  const setUserActive = (userId: string, active: boolean) => app.database.db.update(users).set({ active }).where(eq(users.id, userId));

  it("R23: an inbound message moves last_activity_at, and so the inactivity deadline, to its receipt time", async () => {
    const lead = await newContact(app);
    const room = (await createRoom(app, { lead_id: lead.id })).body;
    app.clock.advance(5 * DAY);
    await say(lead.phone_number, "still interested");
    const [message] = (await messagesOf(room.chatroom_id)).body.items;
    const after = await detail(app, room.chatroom_id);
    expect(after.last_activity_at).toBe(message.received_at);
    expect(new Date(after.deactivation_ts).getTime()).toBe(new Date(message.received_at).getTime() + 7 * DAY);
    // Past the original deadline, the room is still active because of the message.
    app.clock.advance(3 * DAY);
    expect((await detail(app, room.chatroom_id)).status).toBe("active");
  });

  it("R23: outbound messages are stored from members and ADMINs of an active chatroom only", async () => {
    const lead = await newContact(app);
    const room = (await createRoom(app, { lead_id: lead.id, assign_details: { assign_mode: "USER", user_id: "u_agent1" } })).body;
    const path = `/v1/org/org_a/chatrooms/${room.chatroom_id}/messages`;
    const activityBefore = (await detail(app, room.chatroom_id)).last_activity_at;

    const fromMember = await app.call("POST", path, { token: tokens.agent1A, body: { text: "Hi, I'm Agent 1" } });
    expect(fromMember.status).toBe(200);
    expect(fromMember.body).toMatchObject({
      chatroom_id: room.chatroom_id,
      direction: "outbound",
      type: "text",
      text: "Hi, I'm Agent 1",
      whatsapp_message_id: null,
      sender: { type: "user", id: "u_agent1" },
      phone_number: lead.phone_number,
      remote_phone_id: "ph_a1",
    });
    expect((await app.call("POST", path, { body: { text: "admin here" } })).body.sender).toEqual({ type: "user", id: "u_admin_a" });
    expect((await app.call("POST", path, { token: tokens.partnerLinked, body: { text: "partner" } })).body.sender).toEqual({ type: "partner", id: "p_linked" });
    const consoleMessage = await app.call("POST", path, { token: tokens.console, body: { text: "console" } });
    expect(consoleMessage.body.sender).toEqual({ type: "console", id: "k_console" });
    // Through the console for a person, the message is that person's.
    const forMember = await app.call("POST", path, { token: tokens.console, headers: { "x-on-behalf-of": accountIds.agent1A }, body: { text: "via the dashboard" } });
    expect(forMember.body.sender).toEqual({ type: "user", id: "u_agent1" });
    const forNonMember = await app.call("POST", path, { token: tokens.console, headers: { "x-on-behalf-of": accountIds.memberA }, body: { text: "not mine" } });
    expect(forNonMember.status).toBe(403);
    const impersonated = await app.call("POST", path, { headers: { "x-impersonate-user": "u_agent1" }, body: { text: "as agent 1" } });
    expect(impersonated.body.sender).toEqual({ type: "user", id: "u_agent1" });
    // Outbound messages do not count as the lead's activity.
    expect((await detail(app, room.chatroom_id)).last_activity_at).toBe(activityBefore);

    const notMember = await app.call("POST", path, { token: tokens.memberA, body: { text: "not mine" } });
    expect(notMember.status).toBe(403);
    expect(notMember.body.error_message).toBe("FORBIDDEN");
    const blank = await app.call("POST", path, { body: { text: "   " } });
    expect(blank.status).toBe(400);
    const missingRoom = await app.call("POST", "/v1/org/org_a/chatrooms/cr_nope/messages", { body: { text: "x" } });
    expect(missingRoom.status).toBe(404);
    const otherOrg = await app.call("POST", path, { token: tokens.adminB, body: { text: "x" } });
    expect(otherOrg.status).toBe(403);

    await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${room.chatroom_id}/deactivate`, { body: {} });
    const closed = await app.call("POST", path, { body: { text: "too late" } });
    expect(closed.status).toBe(409);
    expect(closed.body).toMatchObject({ error_message: "CHATROOM_NOT_ACTIVE", payload: { chatroom_id: room.chatroom_id, status: "deactivated" } });
    expect(texts(await messagesOf(room.chatroom_id))).toEqual(["Hi, I'm Agent 1", "admin here", "partner", "console", "via the dashboard", "as agent 1"]);

    // A lapsed room refuses too, although nothing has written its lapse out.
    const quiet = await newContact(app);
    const lapsed = (await createRoom(app, { lead_id: quiet.id })).body;
    app.clock.advance(8 * DAY);
    const afterLapse = await app.call("POST", `/v1/org/org_a/chatrooms/${lapsed.chatroom_id}/messages`, { body: { text: "hello?" } });
    expect(afterLapse.body.error_message).toBe("CHATROOM_NOT_ACTIVE");
  });

  it("R21: a pending USER assignment completes on the lead's first inbound message, granted as of its receipt", async () => {
    const lead = await newContact(app);
    const room = (await createRoom(app, {
      lead_id: lead.id,
      assign_details: { assign_mode: "USER", user_id: "u_agent2", assign_on_handover: true },
    })).body;
    expect((await detail(app, room.chatroom_id)).members).toEqual([]);
    app.clock.advance(60_000);
    const answer = await say(lead.phone_number, "hello");
    expect(answer.body).toEqual({ received: 1 });
    const [message] = (await messagesOf(room.chatroom_id)).body.items;
    expect(await detail(app, room.chatroom_id)).toMatchObject({
      members: [{ user_id: "u_agent2", granted_at: message.received_at }],
      handover_at: message.received_at,
      pending_assignment: null,
    });
    const handover = (await eventsOf(room.chatroom_id)).at(-1)!;
    expect(handover).toMatchObject({
      action: "chatroom.handover_completed",
      actorType: "system",
      requestId: answer.headers.get("x-request-id"),
      changes: {
        members: { before: [], after: ["u_agent2"] },
        pending_assignment: { before: { assign_mode: "USER", user_id: "u_agent2", group_id: null }, after: null },
        handover_at: { before: null, after: message.received_at },
      },
      details: { message_id: message.message_id },
    });
    // Later messages change nothing more.
    await say(lead.phone_number, "again");
    expect((await eventsOf(room.chatroom_id)).filter((event) => event.action.startsWith("chatroom.handover"))).toHaveLength(1);
  });

  it("R21: a pending GROUP assignment picks at the moment of the message; reassign with handover revokes first", async () => {
    const lead = await newContact(app);
    const room = (await createRoom(app, { lead_id: lead.id, assign_details: { assign_mode: "USER", user_id: "u_agent1" } })).body;
    await app.call("POST", `/v3/org/org_a/lead/chatroom/${room.chatroom_id}/reassign`, {
      body: { assign_details: { assign_mode: "GROUP", group_id: "g_sales", assign_on_handover: true } },
    });
    expect((await detail(app, room.chatroom_id)).members).toEqual([]);
    await say(lead.phone_number, "who is this?");
    const after = await detail(app, room.chatroom_id);
    expect(after.members).toHaveLength(1);
    expect(after.pending_assignment).toBeNull();
    const handover = (await eventsOf(room.chatroom_id)).at(-1)!;
    expect(handover.action).toBe("chatroom.handover_completed");
    expect(handover.details).toMatchObject({
      pick: { group_id: "g_sales", strategy: "ROUND_ROBIN", winner: after.members[0].user_id, reason: expect.any(String) },
    });
  });

  it("R21: a failed handover (user disabled, group empty) stays pending, is audited, and the webhook still answers 200", async () => {
    const lead = await newContact(app);
    const room = (await createRoom(app, {
      lead_id: lead.id,
      assign_details: { assign_mode: "USER", user_id: "u_agent3", assign_on_handover: true },
    })).body;
    await setUserActive("u_agent3", false);
    try {
      const answer = await say(lead.phone_number, "anyone?");
      expect(answer.body).toEqual({ received: 1 });
      expect(await detail(app, room.chatroom_id)).toMatchObject({
        members: [],
        handover_at: null,
        pending_assignment: { assign_mode: "USER", user_id: "u_agent3" },
      });
      expect((await eventsOf(room.chatroom_id)).at(-1)).toMatchObject({
        action: "chatroom.handover_failed",
        actorType: "system",
        changes: {},
        details: { pending_assignment: { assign_mode: "USER", user_id: "u_agent3", group_id: null }, reason: expect.stringContaining("u_agent3") },
      });
      // The message itself is stored in the room.
      expect(texts(await messagesOf(room.chatroom_id))).toEqual(["anyone?"]);
    } finally {
      await setUserActive("u_agent3", true);
    }
    // The next message tries again.
    await say(lead.phone_number, "hello?");
    expect((await detail(app, room.chatroom_id)).members.map((member: { user_id: string }) => member.user_id)).toEqual(["u_agent3"]);

    // A group whose members are all disabled after the assignment was made.
    const groupLead = await newContact(app);
    const emptyLater = (await createRoom(app, {
      lead_id: groupLead.id,
      assign_details: { assign_mode: "GROUP", group_id: "g_sales", assign_on_handover: true },
    })).body;
    await Promise.all(["u_agent1", "u_agent2", "u_agent3"].map((userId) => setUserActive(userId, false)));
    try {
      expect((await say(groupLead.phone_number, "hi")).status).toBe(200);
      expect((await eventsOf(emptyLater.chatroom_id)).at(-1)).toMatchObject({
        action: "chatroom.handover_failed",
        details: { pending_assignment: { assign_mode: "GROUP", group_id: "g_sales" } },
      });
      expect((await detail(app, emptyLater.chatroom_id)).pending_assignment).toMatchObject({ group_id: "g_sales" });
    } finally {
      await Promise.all(["u_agent1", "u_agent2", "u_agent3"].map((userId) => setUserActive(userId, true)));
    }
  });

  it.skipIf(!onPostgres)(`R21: deliveries arriving at once complete a handover once ${POSTGRES_ONLY}`, async () => {
    const lead = await newContact(app);
    const room = (await createRoom(app, {
      lead_id: lead.id,
      assign_details: { assign_mode: "GROUP", group_id: "g_sales", assign_on_handover: true },
    })).body;
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => say(lead.phone_number, `burst ${i}`)));
    expect(answers.reduce((sum, answer) => sum + answer.body.received, 0)).toBe(8);
    const after = await detail(app, room.chatroom_id);
    expect(after.members).toHaveLength(1);
    const events = await eventsOf(room.chatroom_id);
    expect(events.filter((event) => event.action === "chatroom.handover_completed")).toHaveLength(1);
    expect(events.filter((event) => event.action === "chatroom.handover_failed")).toHaveLength(0);
    expect((await messagesOf(room.chatroom_id)).body.items).toHaveLength(8);
  });

  it.skipIf(!onPostgres)(`R19: 60 concurrent ROUND_ROBIN picks from a group of 3 give each member 20, each pick audited with its reason ${POSTGRES_ONLY}`, async () => {
    const leads = [];
    for (let i = 0; i < 60; i++) leads.push(await newContact(app));
    const created = await Promise.all(
      leads.map((lead) => createRoom(app, { lead_id: lead.id, assign_details: { assign_mode: "GROUP", group_id: "g_sales" } })),
    );
    expect(created.map((answer) => answer.status)).toEqual(Array(60).fill(200));
    const counts: Record<string, number> = {};
    for (const answer of created) {
      const [event] = await eventsOf(answer.body.chatroom_id);
      const pick = (event!.details as { pick: { winner: string; reason: string; eligible: unknown[] } }).pick;
      expect(pick.reason).toMatch(/least recently picked/);
      expect(pick.eligible).toHaveLength(3);
      counts[pick.winner] = (counts[pick.winner] ?? 0) + 1;
    }
    expect(counts).toEqual({ u_agent1: 20, u_agent2: 20, u_agent3: 20 });
  });

  it.skipIf(!onPostgres)(`R19: 30 concurrent handovers to a group under ROUND_ROBIN give each member 10 ${POSTGRES_ONLY}`, async () => {
    const leads = [];
    for (let i = 0; i < 30; i++) leads.push(await newContact(app));
    const rooms = [];
    for (const lead of leads) {
      const room = await createRoom(app, { lead_id: lead.id, assign_details: { assign_mode: "GROUP", group_id: "g_sales", assign_on_handover: true } });
      rooms.push(room.body.chatroom_id as string);
    }
    await Promise.all(leads.map((lead) => say(lead.phone_number, "hi")));
    const counts: Record<string, number> = {};
    for (const chatroomId of rooms) {
      const [member] = (await detail(app, chatroomId)).members;
      counts[member.user_id] = (counts[member.user_id] ?? 0) + 1;
    }
    expect(counts).toEqual({ u_agent1: 10, u_agent2: 10, u_agent3: 10 });
  });

  it("R22: under `shared` a member sees the whole history, a non-member nothing, ADMINs everything", async () => {
    const lead = await newContact(app);
    const room = (await createRoom(app, { lead_id: lead.id })).body;
    expect((await detail(app, room.chatroom_id)).history_visibility).toBe("shared");
    await say(lead.phone_number, "before the agent");
    app.clock.advance(60_000);
    await app.call("POST", `/v2/org/org_a/waba/chatroom/${room.chatroom_id}/reassign`, { body: { user_id: "u_agent1" } });
    app.clock.advance(60_000);
    await say(lead.phone_number, "after the agent");

    expect(texts(await messagesOf(room.chatroom_id, { token: tokens.agent1A }))).toEqual(["before the agent", "after the agent"]);
    expect(texts(await messagesOf(room.chatroom_id, { headers: { "x-impersonate-user": "u_agent1" } }))).toEqual(["before the agent", "after the agent"]);
    const stranger = await messagesOf(room.chatroom_id, { token: tokens.memberA });
    expect(stranger.status).toBe(200);
    expect(stranger.body).toEqual({ items: [], next_cursor: null });
    expect((await messagesOf(room.chatroom_id, { token: tokens.partnerLinked, headers: { "x-impersonate-user": "u_member_a" } })).body.items).toEqual([]);
    for (const token of [tokens.adminA, tokens.partnerLinked, tokens.console]) {
      expect(texts(await messagesOf(room.chatroom_id, { token }))).toEqual(["before the agent", "after the agent"]);
    }
    // A member whose access was revoked by a reassign sees nothing any more.
    await app.call("POST", `/v2/org/org_a/waba/chatroom/${room.chatroom_id}/reassign`, { body: { user_id: "u_agent2" } });
    expect((await messagesOf(room.chatroom_id, { token: tokens.agent1A })).body.items).toEqual([]);
  });

  it("R22: the console acting for a person (X-On-Behalf-Of) sees exactly what that person sees", async () => {
    const lead = await newContact(app);
    const room = (await createRoom(app, { lead_id: lead.id })).body;
    await say(lead.phone_number, "hello");
    app.clock.advance(60_000);
    await app.call("POST", `/v2/org/org_a/waba/chatroom/${room.chatroom_id}/reassign`, { body: { user_id: "u_agent1" } });
    const forPerson = (accountId: string) => messagesOf(room.chatroom_id, { token: tokens.console, headers: { "x-on-behalf-of": accountId } });

    expect(texts(await forPerson(accountIds.agent1A))).toEqual(["hello"]);
    expect((await forPerson(accountIds.memberA)).body).toEqual({ items: [], next_cursor: null });
    expect(texts(await forPerson(accountIds.adminA))).toEqual(["hello"]);
    expect(texts(await forPerson(accountIds.partnerLinked))).toEqual(["hello"]);
    expect(texts(await forPerson(accountIds.support))).toEqual(["hello"]);
    // The member's view through the console is the member's own key's view.
    expect((await forPerson(accountIds.memberA)).body).toEqual((await messagesOf(room.chatroom_id, { token: tokens.memberA })).body);
  });

  it("R22: under `joined` a member sees the messages received at or after its grant time", async () => {
    const sharedRoom = (await createRoom(app, { lead_id: (await newContact(app)).id })).body;
    expect((await app.call("PUT", "/v1/org/org_a/config", { body: { history_visibility: "joined" } })).status).toBe(200);
    try {
      const lead = await newContact(app);
      const room = (await createRoom(app, { lead_id: lead.id })).body;
      expect((await detail(app, room.chatroom_id)).history_visibility).toBe("joined");
      await say(lead.phone_number, "before the agent");
      app.clock.advance(60_000);
      await app.call("POST", `/v2/org/org_a/waba/chatroom/${room.chatroom_id}/reassign`, { body: { user_id: "u_agent1" } });
      await app.call("POST", `/v1/org/org_a/chatrooms/${room.chatroom_id}/messages`, { token: tokens.agent1A, body: { text: "agent's greeting" } });
      app.clock.advance(60_000);
      await say(lead.phone_number, "after the agent");

      expect(texts(await messagesOf(room.chatroom_id, { token: tokens.agent1A }))).toEqual(["agent's greeting", "after the agent"]);
      expect(texts(await messagesOf(room.chatroom_id, { token: tokens.console, headers: { "x-impersonate-user": "u_agent1" } }))).toEqual([
        "agent's greeting",
        "after the agent",
      ]);
      expect((await messagesOf(room.chatroom_id, { token: tokens.memberA })).body.items).toEqual([]);
      expect(texts(await messagesOf(room.chatroom_id))).toEqual(["before the agent", "agent's greeting", "after the agent"]);
      expect(texts(await messagesOf(room.chatroom_id, { token: tokens.partnerLinked }))).toHaveLength(3);

      // A handover grants as of the message that completes it, so that message is visible to the new member.
      const handoverLead = await newContact(app);
      const handoverRoom = (await createRoom(app, {
        lead_id: handoverLead.id,
        assign_details: { assign_mode: "USER", user_id: "u_agent1", assign_on_handover: true },
      })).body;
      await say(handoverLead.phone_number, "first words");
      expect(texts(await messagesOf(handoverRoom.chatroom_id, { token: tokens.agent1A }))).toEqual(["first words"]);

      // A room created under `shared` keeps it.
      expect((await detail(app, sharedRoom.chatroom_id)).history_visibility).toBe("shared");
    } finally {
      await app.call("PUT", "/v1/org/org_a/config", { body: { history_visibility: "shared" } });
    }
  });

  it("lists a chatroom's messages oldest first, page by page", async () => {
    const lead = await newContact(app);
    const room = (await createRoom(app, { lead_id: lead.id })).body;
    for (let i = 1; i <= 5; i++) {
      await say(lead.phone_number, `m${i}`);
      app.clock.advance(1000);
    }
    const first = await app.call("GET", `/v1/org/org_a/chatrooms/${room.chatroom_id}/messages?limit=2`);
    expect(texts(first)).toEqual(["m1", "m2"]);
    const second = await app.call("GET", `/v1/org/org_a/chatrooms/${room.chatroom_id}/messages?limit=2&cursor=${first.body.next_cursor}`);
    expect(texts(second)).toEqual(["m3", "m4"]);
    const third = await app.call("GET", `/v1/org/org_a/chatrooms/${room.chatroom_id}/messages?limit=2&cursor=${second.body.next_cursor}`);
    expect(third.body).toMatchObject({ next_cursor: null });
    expect(texts(third)).toEqual(["m5"]);
    expect((await app.call("GET", "/v1/org/org_a/chatrooms/cr_nope/messages")).status).toBe(404);
    expect((await app.call("GET", `/v1/org/org_b/chatrooms/${room.chatroom_id}/messages`, { token: tokens.adminB })).status).toBe(404);
  });
});

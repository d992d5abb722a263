import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { auditEvents, chatrooms } from "@/lib/db/schema";
import { chatroomOpen } from "@/lib/chatrooms/conditions";
import { useTestApp, type ApiAnswer } from "@/lib/testing/app";
import { createRoom, newContact, uniqueNumber } from "@/lib/testing/helpers";

const N = 50;

function expectWellFormed(answers: ApiAnswer[]) {
  for (const answer of answers) {
    expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(500);
    if (answer.status === 200) expect(answer.body.chatroom_id).toMatch(/^cr_/);
    else expect(answer.body).toMatchObject({ error_code: expect.any(Number), error_message: expect.any(String), payload: expect.any(Object) });
  }
}

const countBy = (answers: ApiAnswer[]) =>
  answers.reduce<Record<string, number>>((counts, answer) => {
    const key = answer.status === 200 ? "200" : answer.body.error_message;
    counts[key] = (counts[key] ?? 0) + 1;
    return counts;
  }, {});

/** These tests catch a missing (org, number) lock only where transactions really run at once. */
describe.skipIf(!inject("postgresUrl"))("concurrency: I1 and I2 under parallel requests (PostgreSQL only: PGlite runs every transaction on one connection, so a missing lock could not show)", () => {
  const app = useTestApp();

  async function openRoomsOf(number: string) {
    return app.database.db
      .select({ id: chatrooms.id, remotePhoneId: chatrooms.remotePhoneId, contactId: chatrooms.contactId })
      .from(chatrooms)
      .where(and(eq(chatrooms.orgId, "org_a"), eq(chatrooms.phoneNumber, number), chatroomOpen));
  }

  async function contactsSharing(number: string, count: number) {
    const leads = [];
    for (let i = 0; i < count; i++) leads.push(await newContact(app, { phone_number: number }));
    return leads;
  }

  it("I1: 50 parallel strict creates for contacts sharing a number leave exactly one active chatroom", async () => {
    const number = uniqueNumber();
    const leads = await contactsSharing(number, N);
    const answers = await Promise.all(leads.map((lead) => createRoom(app, { lead_id: lead.id })));
    expectWellFormed(answers);
    expect(countBy(answers)).toEqual({ "200": 1, CHATROOM_EXISTS_FOR_PHONE: N - 1 });
    expect(await openRoomsOf(number)).toHaveLength(1);
    const refused = answers.find((answer) => answer.status === 409)!;
    expect(refused.body.payload.conflicts).toHaveLength(1);
  });

  it("I1: 50 parallel relaxed creates leave exactly one active chatroom per WABA phone", async () => {
    const number = uniqueNumber();
    const leads = await contactsSharing(number, N);
    const answers = await Promise.all(
      leads.map((lead) => createRoom(app, { lead_id: lead.id, fail_if_chatroom_exists_on_other_waba_phone: false })),
    );
    expectWellFormed(answers);
    expect(countBy(answers)).toEqual({ "200": 3, NO_WABA_PHONE_AVAILABLE: N - 3 });
    const open = await openRoomsOf(number);
    expect(open.map((room) => room.remotePhoneId).sort()).toEqual(["ph_a1", "ph_a2", "ph_a3"]);
  });

  it("I2: 50 parallel creates for one contact leave one chatroom, the rest answer it as existing", async () => {
    const lead = await newContact(app);
    const answers = await Promise.all(Array.from({ length: N }, () => createRoom(app, { lead_id: lead.id })));
    expectWellFormed(answers);
    expect(countBy(answers)).toEqual({ "200": N });
    expect(new Set(answers.map((answer) => answer.body.chatroom_id)).size).toBe(1);
    expect(answers.filter((answer) => answer.body.is_existing === false)).toHaveLength(1);
  });

  it("I1/I2: 50 parallel forced activations on rooms of one number leave at most one active per phone and per contact", async () => {
    const number = uniqueNumber();
    const leads = await contactsSharing(number, N);
    const roomIds: string[] = [];
    for (const [i, lead] of leads.entries()) {
      const phone = ["ph_a1", "ph_a2", "ph_a3"][i % 3];
      const room = await createRoom(app, { lead_id: lead.id, remote_phone_id: phone, fail_if_chatroom_exists_on_other_waba_phone: false });
      expect(room.status).toBe(200);
      roomIds.push(room.body.chatroom_id);
      await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${room.body.chatroom_id}/deactivate`, { body: {} });
    }
    const answers = await Promise.all(
      roomIds.map((id) => app.call("PUT", `/v1/org/org_a/contacts/chatroom/${id}/activate?force_deactivate=true`)),
    );
    for (const answer of answers) expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const open = await openRoomsOf(number);
    const perPhone = new Set(open.map((room) => room.remotePhoneId));
    expect(perPhone.size).toBe(open.length);
    expect(open.length).toBeGreaterThanOrEqual(1);
    expect(open.length).toBeLessThanOrEqual(3);
    // Every activation wrote its event, each forced closing its own.
    const activated = await app.database.db
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "chatroom.activated"), inArray(auditEvents.chatroomId, roomIds)));
    expect(activated).toHaveLength(N);
  });
});

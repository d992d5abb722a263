import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { chatrooms, messages } from "@/lib/db/schema";
import { useTestApp } from "@/lib/testing/app";
import { tokens } from "@/lib/testing/fixture";
import { createRoom, DAY, detail, newContact, uniqueNumber } from "@/lib/testing/helpers";
import { deliver, delivery, newWamid, textMessage } from "@/lib/testing/whatsapp";
import { signWhatsAppBody } from "./signature";

describe("the WhatsApp webhook over HTTP", () => {
  const app = useTestApp();

  const storedWith = (wamid: string) => app.database.db.select().from(messages).where(eq(messages.whatsappMessageId, wamid));

  it("answers Meta's verification handshake only with the verify token", async () => {
    const token = env().WHATSAPP_VERIFY_TOKEN!;
    const good = await app.call("GET", `/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`, { token: null });
    expect(good.status).toBe(200);
    expect(good.headers.get("content-type")).toContain("text/plain");
    expect(good.body).toBe(1158201444);
    const wrongToken = await app.call("GET", "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1", { token: null });
    expect(wrongToken.status).toBe(403);
    expect(wrongToken.body.error_message).toBe("FORBIDDEN");
    const wrongMode = await app.call("GET", `/webhooks/whatsapp?hub.mode=unsubscribe&hub.verify_token=${token}&hub.challenge=1`, { token: null });
    expect(wrongMode.status).toBe(403);
  });

  it("R23: stores a signed text message in the active chatroom of its (WABA phone, number)", async () => {
    const lead = await newContact(app);
    const room = (await createRoom(app, { lead_id: lead.id })).body;
    const wamid = newWamid();
    const answer = await deliver(app, delivery({ messages: [textMessage(lead.phone_number, "hello", wamid)] }));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ received: 1 });
    const [stored] = await storedWith(wamid);
    expect(stored).toMatchObject({
      orgId: "org_a",
      chatroomId: room.chatroom_id,
      remotePhoneId: "ph_a1",
      phoneNumber: lead.phone_number,
      direction: "inbound",
      type: "text",
      text: "hello",
      senderType: "lead",
      senderId: lead.id,
    });
  });

  it("refuses unsigned, badly signed and altered deliveries with 401 and stores nothing", async () => {
    const lead = await newContact(app);
    await createRoom(app, { lead_id: lead.id });
    const wamid = newWamid();
    const body = JSON.stringify(delivery({ messages: [textMessage(lead.phone_number, "signed", wamid)] }));
    const cases = [
      { name: "missing", signature: null, body },
      { name: "other secret", signature: signWhatsAppBody(body, "not-the-app-secret"), body },
      { name: "not hex", signature: "sha256=zz", body },
      { name: "no prefix", signature: signWhatsAppBody(body, env().WHATSAPP_APP_SECRET!).slice("sha256=".length), body },
      { name: "body changed after signing", signature: signWhatsAppBody(body, env().WHATSAPP_APP_SECRET!), body: body.replace("signed", "SIGNED") },
    ];
    for (const testCase of cases) {
      const answer = await deliver(app, undefined, { signature: testCase.signature, body: testCase.body });
      expect(answer.status, testCase.name).toBe(401);
      expect(answer.body.error_message, testCase.name).toBe("UNAUTHORIZED");
    }
    expect(await storedWith(wamid)).toHaveLength(0);
    // The same bytes, correctly signed, are accepted.
    expect((await deliver(app, undefined, { body })).body).toEqual({ received: 1 });
  });

  it("R23: stores non-text messages with their type, and ignores status updates", async () => {
    const lead = await newContact(app);
    const room = (await createRoom(app, { lead_id: lead.id })).body;
    const from = lead.phone_number.slice(1);
    const image = { from, id: newWamid(), timestamp: "1795000000", type: "image", image: { id: "media-1", mime_type: "image/jpeg", caption: "the invoice" } };
    const location = { from, id: newWamid(), timestamp: "1795000000", type: "location", location: { latitude: 12.9, longitude: 77.6 } };
    const answer = await deliver(app, delivery({ messages: [image, location] }));
    expect(answer.body).toEqual({ received: 2 });
    expect((await storedWith(image.id))[0]).toMatchObject({ type: "image", text: "the invoice", chatroomId: room.chatroom_id, raw: image });
    expect((await storedWith(location.id))[0]).toMatchObject({ type: "location", text: null, chatroomId: room.chatroom_id });

    const status = { id: newWamid(), status: "delivered", timestamp: "1795000000", recipient_id: from };
    const statuses = await deliver(app, delivery({ statuses: [status] }));
    expect(statuses.status).toBe(200);
    expect(statuses.body).toEqual({ received: 0 });
    expect(await storedWith(status.id)).toHaveLength(0);
  });

  it("stores a repeated wamid once, whether the repeats come one after another or at once", async () => {
    const lead = await newContact(app);
    const room = (await createRoom(app, { lead_id: lead.id })).body;
    const message = textMessage(lead.phone_number, "once");
    expect((await deliver(app, delivery({ messages: [message] }))).body).toEqual({ received: 1 });
    expect((await deliver(app, delivery({ messages: [message] }))).body).toEqual({ received: 0 });
    expect(await storedWith(message.id)).toHaveLength(1);

    const concurrent = textMessage(lead.phone_number, "at once");
    const answers = await Promise.all(Array.from({ length: 12 }, () => deliver(app, delivery({ messages: [concurrent] }))));
    expect(answers.map((answer) => answer.status)).toEqual(Array(12).fill(200));
    expect(answers.reduce((sum, answer) => sum + answer.body.received, 0)).toBe(1);
    expect(await storedWith(concurrent.id)).toHaveLength(1);
    // Within one delivery too.
    const twice = textMessage(lead.phone_number, "twice in one");
    expect((await deliver(app, delivery({ messages: [twice, twice] }))).body).toEqual({ received: 1 });
    const listed = await app.call("GET", `/v1/org/org_a/chatrooms/${room.chatroom_id}/messages`);
    expect(listed.body.items.map((item: { text: string }) => item.text)).toEqual(["once", "at once", "twice in one"]);
  });

  it("R23: a message without an active chatroom is stored unrouted, listed for admins, and reopens nothing", async () => {
    const stranger = uniqueNumber();
    const first = textMessage(stranger, "anyone there?");
    expect((await deliver(app, delivery({ messages: [first] }))).body).toEqual({ received: 1 });
    expect((await storedWith(first.id))[0]).toMatchObject({ chatroomId: null, orgId: "org_a", phoneNumber: stranger, senderId: null });

    // A closed chatroom (deactivated, or lapsed but not yet written out) is not reopened.
    const lead = await newContact(app);
    const closed = (await createRoom(app, { lead_id: lead.id })).body;
    await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${closed.chatroom_id}/deactivate`, { body: {} });
    const toClosed = textMessage(lead.phone_number, "hello again");
    await deliver(app, delivery({ messages: [toClosed] }));
    expect((await storedWith(toClosed.id))[0]!.chatroomId).toBeNull();
    expect((await detail(app, closed.chatroom_id)).status).toBe("deactivated");

    const quiet = await newContact(app);
    const lapsing = (await createRoom(app, { lead_id: quiet.id })).body;
    app.clock.advance(8 * DAY);
    const late = textMessage(quiet.phone_number, "sorry, busy week");
    await deliver(app, delivery({ messages: [late] }));
    expect((await storedWith(late.id))[0]!.chatroomId).toBeNull();
    const [written] = await app.database.db.select().from(chatrooms).where(eq(chatrooms.id, lapsing.chatroom_id));
    expect(written!.deactivationReason).toBe("INACTIVITY");
    expect(written!.deactivatedAt!.toISOString()).toBe(lapsing.deactivation_ts);

    // Another phone of the org: the room on ph_a1 does not take a message sent to ph_a3.
    const onOtherPhone = await newContact(app);
    await createRoom(app, { lead_id: onOtherPhone.id, remote_phone_id: "ph_a1" });
    const misrouted = textMessage(onOtherPhone.phone_number, "to the service line");
    await deliver(app, delivery({ messages: [misrouted] }, "ph_a3"));
    expect((await storedWith(misrouted.id))[0]).toMatchObject({ chatroomId: null, remotePhoneId: "ph_a3" });

    const listed = await app.call("GET", "/v1/org/org_a/messages/unrouted?limit=200");
    expect(listed.status).toBe(200);
    const ids = listed.body.items.map((item: { whatsapp_message_id: string }) => item.whatsapp_message_id);
    expect(ids).toEqual(expect.arrayContaining([first.id, toClosed.id, late.id, misrouted.id]));
    expect(ids.indexOf(misrouted.id)).toBeLessThan(ids.indexOf(first.id));
    expect(listed.body.items.find((item: { whatsapp_message_id: string }) => item.whatsapp_message_id === first.id)).toMatchObject({
      chatroom_id: null,
      direction: "inbound",
      phone_number: stranger,
      remote_phone_id: "ph_a1",
      type: "text",
      text: "anyone there?",
      sender: { type: "lead", id: null },
    });
    const page = await app.call("GET", "/v1/org/org_a/messages/unrouted?limit=1");
    expect(page.body.items).toHaveLength(1);
    const next = await app.call("GET", `/v1/org/org_a/messages/unrouted?limit=1&cursor=${page.body.next_cursor}`);
    expect(next.body.items[0].message_id).not.toBe(page.body.items[0].message_id);

    expect((await app.call("GET", "/v1/org/org_a/messages/unrouted", { token: tokens.partnerLinked })).status).toBe(200);
    expect((await app.call("GET", "/v1/org/org_a/messages/unrouted", { headers: { "x-impersonate-user": "u_admin_a" } })).status).toBe(200);
    expect((await app.call("GET", "/v1/org/org_a/messages/unrouted", { token: tokens.memberA })).status).toBe(403);
    expect((await app.call("GET", "/v1/org/org_a/messages/unrouted", { token: tokens.partnerOther })).status).toBe(403);
    const otherOrg = await app.call("GET", "/v1/org/org_b/messages/unrouted", { token: tokens.adminB });
    expect(otherOrg.body.items).toEqual([]);
  });

  it("answers 200 for a phone no org owns (nothing to store it in) and 400 for a signed body that is not a delivery", async () => {
    const unknownPhone = await deliver(app, delivery({ messages: [textMessage(uniqueNumber(), "hi")] }, "ph_unknown"));
    expect(unknownPhone.status).toBe(200);
    expect(unknownPhone.body).toEqual({ received: 0 });
    const notJson = await deliver(app, undefined, { body: "{not json" });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error_message).toBe("MALFORMED_JSON");
    const wrongShape = await deliver(app, { entry: "nope" });
    expect(wrongShape.status).toBe(400);
    expect(wrongShape.body.error_message).toBe("VALIDATION_FAILED");
    // A message without a sender cannot be stored; the rest of the delivery is.
    const readable = textMessage(uniqueNumber(), "readable");
    const partly = await deliver(app, delivery({ messages: [{ id: newWamid(), type: "text", text: { body: "no sender" } }, readable] }));
    expect(partly.body).toEqual({ received: 1 });
    expect(await storedWith(readable.id)).toHaveLength(1);
    const wrongMethod = await app.call("PUT", "/webhooks/whatsapp", { token: null });
    expect(wrongMethod.status).toBe(405);
  });
});

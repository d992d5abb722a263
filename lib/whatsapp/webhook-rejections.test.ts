import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { messages } from "@/lib/db/schema";
import { rowsOf } from "@/lib/db/sql";
import { useTestApp } from "@/lib/testing/app";
import { createRoom, detail, newContact } from "@/lib/testing/helpers";
import { captureLogs } from "@/lib/testing/logs";
import { deliver, delivery, newWamid, textMessage } from "@/lib/testing/whatsapp";

/** Deliveries holding messages PostgreSQL cannot store: Meta retries a 5xx forever, so they must not fail the rest. */
describe("webhook deliveries with messages that cannot be stored", () => {
  const logs = captureLogs({ echo: true });
  const app = useTestApp();
  const stored = (wamids: string[]) => app.database.db.select().from(messages).where(inArray(messages.whatsappMessageId, wamids));
  const rejections = async (requestId: string) =>
    rowsOf<{ location: string; reason: string; org_id: string | null; payload: string | null }>(
      await app.database.db.execute(sql`select location, reason, org_id, payload from webhook_rejections where request_id = ${requestId} order by id`),
    );

  it("R23: stores every storable message, keeps the others as recorded rejections, answers 200, and logs no number or text", async () => {
    const lead = await newContact(app);
    const room = (await createRoom(app, { lead_id: lead.id })).body;
    const good = [newWamid(), newWamid()];
    // Spliced into the body as text: a value this deep is more than JSON.stringify's stack can take.
    const deep = "[".repeat(10_000) + "]".repeat(10_000);
    const secret = "my secret text";
    const payload = JSON.stringify(
      delivery({
        messages: [
          textMessage(lead.phone_number, "first", good[0]),
          textMessage(lead.phone_number, `${secret} with a NUL \u0000`),
          textMessage(lead.phone_number, `${secret} with a lone surrogate \ud800`),
          { ...textMessage(lead.phone_number, secret), id: `wamid.\u0000nul` },
          { ...textMessage(lead.phone_number, secret), type: "te\u0000xt" },
          { ...textMessage(lead.phone_number, secret), extra: "DEEP" },
          { ...textMessage(lead.phone_number, secret), from: "" },
          textMessage(lead.phone_number, "last", good[1]),
        ],
      }),
    );
    const answer = await deliver(app, undefined, { body: payload.replace('"DEEP"', deep) });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toEqual({ received: 2 });
    expect((await stored(good)).map((message) => [message.text, message.chatroomId])).toEqual([
      ["first", room.chatroom_id],
      ["last", room.chatroom_id],
    ]);
    const recorded = await rejections(answer.headers.get("x-request-id")!);
    expect(recorded.map((rejection) => rejection.location)).toEqual([1, 2, 3, 4, 5, 6].map((i) => `entry.0.changes.0.value.messages.${i}`));
    expect(recorded.every((rejection) => rejection.org_id === "org_a")).toBe(true);
    expect(recorded[0]!.reason).toContain("NUL");
    expect(recorded[1]!.reason).toContain("surrogate");
    expect(recorded[4]!.reason).toContain("deep");
    const output = logs.text();
    expect(output).not.toContain(secret);
    expect(output).not.toContain(lead.phone_number.slice(1));
  });

  it("a phone id with a NUL rejects the messages of its change, and the other changes are stored", async () => {
    const lead = await newContact(app);
    await createRoom(app, { lead_id: lead.id });
    const good = newWamid();
    const payload = delivery({ messages: [textMessage(lead.phone_number, "fine", good)] });
    const broken = delivery({ messages: [textMessage(lead.phone_number, "lost?")] }, "ph_\u0000a1").entry[0]!;
    const answer = await deliver(app, { ...payload, entry: [...payload.entry, broken] });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ received: 1 });
    expect(await stored([good])).toHaveLength(1);
    expect((await rejections(answer.headers.get("x-request-id")!)).map((rejection) => [rejection.location, rejection.org_id])).toEqual([
      ["entry.1.changes.0.value.messages.0", null],
    ]);
  });

  it("R2, R23: a delivery of 200 messages routes each to its room and moves each room's activity, in one answer", async () => {
    const leads: { id: string; phone_number: string }[] = [];
    for (let i = 0; i < 20; i++) leads.push(await newContact(app));
    const rooms = [];
    for (const lead of leads.slice(0, 10)) rooms.push((await createRoom(app, { lead_id: lead.id })).body.chatroom_id as string);
    app.clock.advance(60_000);
    const wamids = Array.from({ length: 200 }, () => newWamid());
    const answer = await deliver(app, delivery({ messages: wamids.map((wamid, i) => textMessage(leads[i % 20]!.phone_number, `m${i}`, wamid)) }));
    expect(answer.body).toEqual({ received: 200 });
    const rows = await stored(wamids);
    expect(rows).toHaveLength(200);
    for (const row of rows) {
      const index = Number(row.text!.slice(1)) % 20;
      expect(row.chatroomId).toBe(index < 10 ? rooms[index] : null);
    }
    for (const chatroomId of rooms) expect((await detail(app, chatroomId)).last_activity_at).toBe(rows[0]!.receivedAt.toISOString());
    // Delivered again (Meta retries): nothing is stored twice.
    const again = await deliver(app, delivery({ messages: wamids.map((wamid, i) => textMessage(leads[i % 20]!.phone_number, `m${i}`, wamid)) }));
    expect(again.body).toEqual({ received: 0 });
    expect(await app.database.db.select().from(messages).where(eq(messages.whatsappMessageId, wamids[0]!))).toHaveLength(1);
  });
});

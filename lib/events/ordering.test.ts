import { describe, expect, inject, it } from "vitest";
import { recordAudit } from "@/lib/audit/record";
import { systemActor } from "@/lib/principals/actor";
import { useTestApp, type TestApp } from "@/lib/testing/app";
import { createRoom, newContact } from "@/lib/testing/helpers";

const onPostgres = inject("postgresUrl") !== "";

/** Every event of org A after `after`, following next_cursor to the end, as an ADMIN reads them. */
async function readAll(app: TestApp, after: string | undefined): Promise<{ id: string; type: string; chatroom_id: string | null }[]> {
  const seen = [];
  let cursor = after;
  for (;;) {
    const answer = await app.call("GET", `/v1/org/org_a/events?limit=200${cursor ? `&after=${cursor}` : ""}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    seen.push(...answer.body.items);
    if (answer.body.items.length > 0) cursor = answer.body.items.at(-1).id;
    if (answer.body.next_cursor === null) return seen;
    cursor = answer.body.next_cursor;
  }
}

/**
 * Reads on after the last event seen until `enough` holds. An open write transaction anywhere on the server
 * holds events back (never loses them), and other work may share the test server, so this waits.
 */
async function readUntil(app: TestApp, after: string | undefined, enough: (seen: { type: string }[]) => boolean) {
  const seen: Awaited<ReturnType<typeof readAll>> = [];
  const deadline = Date.now() + 20_000;
  while (!enough(seen)) {
    if (Date.now() > deadline) throw new Error(`gave up waiting; saw ${JSON.stringify(seen.map((event) => event.type))}`);
    const batch = await readAll(app, seen.at(-1)?.id ?? after);
    seen.push(...batch);
    if (batch.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return seen;
}

/** The id of the newest event of org A now: reads start after it. */
async function headId(app: TestApp): Promise<string | undefined> {
  return (await readAll(app, undefined)).at(-1)?.id;
}

describe("event order: no reader ever skips an event", () => {
  const app = useTestApp();

  it.runIf(onPostgres)(
    "a reader that has read past a later event still gets an earlier one that commits after it (PostgreSQL; skipped on PGlite, whose one connection cannot hold a transaction open while another commits)",
    async () => {
      const start = await headId(app);
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let written!: () => void;
      const wroteEarly = new Promise<void>((resolve) => (written = resolve));
      // The earlier transaction: it writes its event first, then stays open while later ones commit.
      const early = app.database.db.transaction(async (tx) => {
        await recordAudit(tx, { orgId: "org_a", actor: systemActor, requestId: "req_held_open", note: null }, [
          { chatroomId: null, action: "contact.updated", changes: {}, details: { contact_id: "c_1" }, at: app.clock.now() },
        ]);
        written();
        await held;
      });
      await wroteEarly;

      const later = await newContact(app);
      const seenWhileOpen = await readAll(app, start);
      expect(seenWhileOpen.map((event) => event.type)).not.toContain("contact.updated");

      release();
      await early;
      const resumeFrom = seenWhileOpen.at(-1)?.id ?? start;
      // The horizon is the whole cluster's oldest open transaction: another database's (a test file beside this
      // one) can hold the later event back a little longer than the earlier one, so this waits for both.
      const both = (events: { type: string }[]) => ["contact.updated", "contact.created"].every((type) => events.some((event) => event.type === type));
      const seenAfter = await readUntil(app, resumeFrom, (events) => both([...seenWhileOpen, ...events]));
      const seen = [...seenWhileOpen, ...seenAfter];
      expect(seen.map((event) => event.type)).toEqual(["contact.updated", "contact.created"]);
      expect(seen.find((event) => event.type === "contact.created")).toMatchObject({ data: { id: later.id } });
    },
  );

  // On PGlite the writers take turns on its one connection: the order is trivial there, the SQL is the same.
  it(
    "50 concurrent writers: a reader resuming from every id it saw gets every event once, in increasing id order",
    async () => {
      const leads = await Promise.all(Array.from({ length: 50 }, () => newContact(app)));
      const start = await headId(app);
      const seen: { id: string; type: string; chatroom_id: string | null }[] = [];
      let writing = true;
      const reader = (async () => {
        let cursor = start;
        while (writing) {
          const batch = await readAll(app, cursor);
          seen.push(...batch);
          cursor = batch.at(-1)?.id ?? cursor;
        }
        const created = () => seen.filter((event) => event.type === "chatroom.created").length;
        seen.push(...(await readUntil(app, cursor, (more) => created() + more.filter((event) => event.type === "chatroom.created").length >= 50)));
      })();
      const answers = await Promise.all(
        leads.map((lead, i) => createRoom(app, { lead_id: lead.id, assign_details: { assign_mode: "GROUP", group_id: "g_sales" }, force_deactivate: i % 2 === 0 })),
      );
      writing = false;
      await reader;
      expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));

      const ids = seen.map((event) => event.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect([...ids].sort()).toEqual(ids);
      const everything = await readAll(app, start);
      expect(ids).toEqual(everything.map((event) => event.id));
      const created = seen.filter((event) => event.type === "chatroom.created").map((event) => event.chatroom_id);
      expect(created.sort()).toEqual(answers.map((answer) => answer.body.chatroom_id).sort());
    },
  );
});

import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { useTestApp } from "@/lib/testing/app";
import { createRoom, newContact } from "@/lib/testing/helpers";

/**
 * The statements a request sends to PostgreSQL, counted at the driver: each one is a round trip, which on a
 * busy database costs more than anything the server computes (README, Performance). A change that adds one to
 * a hot path fails here and says so.
 */
describe.skipIf(!inject("postgresUrl"))("round trips per request (PostgreSQL: counted at the pg driver)", () => {
  const app = useTestApp();

  async function counted<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
    const statements: string[] = [];
    const original = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const text = typeof args[0] === "string" ? args[0] : (args[0] as { text?: string }).text;
      statements.push(String(text).replace(/\s+/g, " ").slice(0, 80));
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    try {
      return { result: await work(), statements };
    } finally {
      pg.Client.prototype.query = original;
    }
  }

  it("R7: a create v3 for a lead with no chatroom", async () => {
    const lead = await newContact(app);
    const { result, statements } = await counted(() => createRoom(app, { lead_id: lead.id }));
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    // The key, the lead with the org's phones and config; begin, the number's lock, the lapses, the mapping,
    // the active rooms; the room, mapping and audit in one statement; commit. (16 before issue 9.)
    expect(statements, statements.join("\n")).toHaveLength(9);
  });

  it("R9: a create v3 that returns the lead's active chatroom", async () => {
    const lead = await newContact(app);
    expect((await createRoom(app, { lead_id: lead.id })).status).toBe(200);
    const { result, statements } = await counted(() => createRoom(app, { lead_id: lead.id }));
    expect(result.body.is_existing).toBe(true);
    // As above up to the active rooms (and their grants), then commit: nothing written, nothing loaded twice. (15 before.)
    expect(statements, statements.join("\n")).toHaveLength(9);
  });

  it("R16: an activation of a deactivated chatroom", async () => {
    const lead = await newContact(app);
    const room = (await createRoom(app, { lead_id: lead.id })).body;
    await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${room.chatroom_id}/deactivate`, { body: {} });
    const { result, statements } = await counted(() => app.call("PUT", `/v1/org/org_a/contacts/chatroom/${room.chatroom_id}/activate`));
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    // The key, the room's number, the config; begin, the number's lock, the lapses, the room locked and loaded
    // with its grants, the others in the way; the update, the mapping read and upserted, the audit; commit. No
    // savepoint, since every refusal comes before the first write, and no second load for the answer (19 before).
    expect(statements, statements.join("\n")).toHaveLength(15);
  });

  it("R15: a deactivation of an active chatroom", async () => {
    const lead = await newContact(app);
    const room = (await createRoom(app, { lead_id: lead.id })).body;
    const { result, statements } = await counted(() =>
      app.call("PUT", `/v1/org/org_a/contacts/chatroom/${room.chatroom_id}/deactivate`, { body: {} }),
    );
    expect(result.body).toMatchObject({ chatroom_id: room.chatroom_id, is_deactivated: true });
    // The key; begin, the room locked and loaded with its grants, the update, the audit; commit. The answer is
    // the loaded room with its new deactivation, not loaded again (10 before).
    expect(statements, statements.join("\n")).toHaveLength(8);
  });

  it("a get by contact", async () => {
    const lead = await newContact(app);
    expect((await createRoom(app, { lead_id: lead.id })).status).toBe(200);
    const { result, statements } = await counted(() => app.call("GET", `/v1/org/org_a/chatroom/contact/${lead.id}`));
    expect(result.status).toBe(200);
    expect(statements, statements.join("\n")).toHaveLength(2);
  });
});

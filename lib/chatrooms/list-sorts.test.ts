import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestApp } from "@/lib/testing/app";
import { DAY, createRoom, newContact, newOrg, type TestOrg } from "@/lib/testing/helpers";

/**
 * The chatroom list's sorts by a time or a deadline, paged both ways with keyset cursors, its new filters
 * and its capped total (GET /v1/org/{orgId}/chatrooms, our extension). The seven rooms the sorts walk are
 * in an org of their own, and every test that adds rooms or changes config does it in another, so that the
 * tests hold in any order.
 */
interface Page {
  items: { chatroom_id: string; status: string; expiry_ts: string; deactivation_ts: string; last_activity_at: string; created_at: string }[];
  next_cursor: string | null;
  prev_cursor: string | null;
  total: { count: number; exact: boolean };
}

describe("chatroom list: sorts, both-way keyset pages, filters, total", () => {
  const app = useTestApp();
  const rooms: string[] = [];
  let org: TestOrg;

  const list = async (query: string, where: TestOrg = org): Promise<Page> => {
    const answer = await app.call("GET", `/v1/org/${where.id}/chatrooms?${query}`, { token: where.token });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body;
  };
  const ids = (page: Page) => page.items.map((item) => item.chatroom_id);

  /** Every page forward from the first, then every page back from the last, with `limit` rows each. */
  async function walk(query: string, limit: number) {
    const forward: string[][] = [];
    let page = await list(`${query}&limit=${limit}`);
    expect(page.prev_cursor).toBeNull();
    forward.push(ids(page));
    while (page.next_cursor) {
      page = await list(`${query}&limit=${limit}&cursor=${page.next_cursor}`);
      forward.push(ids(page));
    }
    const backward: string[][] = [ids(page)];
    while (page.prev_cursor) {
      page = await list(`${query}&limit=${limit}&cursor=${page.prev_cursor}`);
      backward.unshift(ids(page));
    }
    return { forward, backward };
  }

  beforeAll(async () => {
    org = await newOrg(app);
    // Seven rooms, one a second apart; each later one gets one more hour of activity, so no two keys tie.
    for (let i = 0; i < 7; i++) {
      const lead = await newContact(app, {}, org);
      const answer = await createRoom(app, { lead_id: lead.id, remote_phone_id: org.phone.first }, org);
      expect(answer.status).toBe(200);
      rooms.push(answer.body.chatroom_id);
      app.clock.advance(1000);
    }
    // Deactivating rooms 1 and 4 moves their deactivation_ts to now: the soonest deadlines become theirs.
    await app.call("PUT", `/v1/org/${org.id}/contacts/chatroom/${rooms[4]}/deactivate`, { body: {}, token: org.token });
    app.clock.advance(1000);
    await app.call("PUT", `/v1/org/${org.id}/contacts/chatroom/${rooms[1]}/deactivate`, { body: {}, token: org.token });
  });

  it("sort=created (the default) stays newest first, and pages back to the first page", async () => {
    const { forward, backward } = await walk("sort=created", 3);
    expect(forward.flat()).toEqual([...rooms].reverse());
    expect(forward.map((page) => page.length)).toEqual([3, 3, 1]);
    expect(backward).toEqual(forward);
  });

  it("R1: sort=expiry lists the soonest expiry first, and order=desc the latest first", async () => {
    const soonest = await walk("sort=expiry", 2);
    expect(soonest.forward.flat()).toEqual(rooms);
    expect(soonest.backward).toEqual(soonest.forward);
    const latest = await walk("sort=expiry&order=desc", 4);
    expect(latest.forward.flat()).toEqual([...rooms].reverse());
  });

  it("R6: sort=deactivation orders by deactivation_ts: the actual time once deactivated, else the projected one", async () => {
    const { forward, backward } = await walk("sort=deactivation", 3);
    const order = forward.flat();
    // The two deactivated rooms' deadlines (now) come before every projected one (7 days on).
    expect(order.slice(0, 2)).toEqual([rooms[4], rooms[1]]);
    expect(order.slice(2)).toEqual(rooms.filter((_, i) => i !== 1 && i !== 4));
    expect(backward).toEqual(forward);
    const page = await list("sort=deactivation&limit=200");
    const deadlines = page.items.map((item) => item.deactivation_ts);
    expect(deadlines).toEqual([...deadlines].sort());
  });

  it("sort=activity follows last_activity_at, both orders", async () => {
    const newest = await list("sort=activity&limit=200");
    const times = newest.items.map((item) => item.last_activity_at);
    expect(times).toEqual([...times].sort().reverse());
    const oldest = await walk("sort=activity&order=asc", 5);
    expect(oldest.forward.flat()).toEqual([...ids(newest)].reverse());
  });

  it("refuses a cursor of another sort or order, saying so in the error format", async () => {
    const page = await list("sort=expiry&limit=2");
    const answer = await app.call("GET", `/v1/org/${org.id}/chatrooms?sort=created&cursor=${page.next_cursor}`, { token: org.token });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error_message: "VALIDATION_FAILED", payload: { issues: [{ path: "query.cursor" }] } });
    const badSort = await app.call("GET", `/v1/org/${org.id}/chatrooms?sort=name`, { token: org.token });
    expect(badSort.status).toBe(400);
  });

  it("R21: pending_handover=true lists only rooms whose assignment waits for the lead's next message", async () => {
    const own = await newOrg(app, { users: ["agent"], groups: { sales: ["agent"] } });
    await createRoom(app, { lead_id: (await newContact(app, {}, own)).id }, own);
    const lead = await newContact(app, {}, own);
    const pending = await createRoom(
      app,
      { lead_id: lead.id, assign_details: { assign_mode: "GROUP", group_id: own.group.sales, assign_on_handover: true } },
      own,
    );
    const page = await list("pending_handover=true", own);
    expect(ids(page)).toEqual([pending.body.chatroom_id]);
    expect(page.total).toEqual({ count: 1, exact: true });
    const bad = await app.call("GET", `/v1/org/${own.id}/chatrooms?pending_handover=yes`, { token: own.token });
    expect(bad.status).toBe(400);
  });

  it("R4, R21: a room that lapsed while its handover waited is not listed as pending nor shows a pending assignment, swept or not", async () => {
    const own = await newOrg(app, { users: ["agent"], groups: { sales: ["agent"] } });
    const lead = await newContact(app, {}, own);
    const room = (await createRoom(app, { lead_id: lead.id, assign_details: { assign_mode: "GROUP", group_id: own.group.sales, assign_on_handover: true } }, own)).body;
    expect((await list("pending_handover=true", own)).total.count).toBe(1);
    app.clock.advance(8 * DAY);
    try {
      expect((await list("pending_handover=true", own)).items).toEqual([]);
      // The detail and the unfiltered list agree: a lapsed room has no pending assignment, swept or not.
      const detail = await app.call("GET", `/v1/org/${own.id}/chatrooms/${room.chatroom_id}`, { token: own.token });
      expect(detail.body).toMatchObject({ status: "deactivated", pending_assignment: null });
      expect((await list("", own)).items.find((item) => item.chatroom_id === room.chatroom_id)).toMatchObject({ pending_assignment: null });
    } finally {
      // The other tests' rooms keep their deadlines ahead of them, in any order.
      app.clock.advance(-8 * DAY);
    }
  });

  it("unassigned=true lists rooms with neither a member nor a pending assignment", async () => {
    const own = await newOrg(app, { users: ["agent"], groups: { sales: ["agent"] } });
    const room = async (assign_details?: Record<string, unknown>) =>
      (await createRoom(app, { lead_id: (await newContact(app, {}, own)).id, ...(assign_details ? { assign_details } : {}) }, own)).body.chatroom_id;
    const unassigned = await room();
    const assigned = await room({ assign_mode: "USER", user_id: own.user.agent });
    const pending = await room({ assign_mode: "GROUP", group_id: own.group.sales, assign_on_handover: true });
    const page = await list("unassigned=true&limit=200", own);
    expect(ids(page)).toEqual([unassigned]);
    expect(ids(page)).not.toContain(assigned);
    expect(ids(page)).not.toContain(pending);
  });

  it("R1: expiring_within_hours lists only active rooms whose expiry falls within that window", async () => {
    // R5: with expiry_days 1 every live room now expires a day after it was created.
    expect((await app.call("PUT", `/v1/org/${org.id}/config`, { body: { expiry_days: 1 }, token: org.token })).status).toBe(200);
    expect((await list("expiring_within_hours=1")).items).toEqual([]);
    const within = await list("expiring_within_hours=24&sort=expiry&limit=200");
    // Rooms 1 and 4 are deactivated, so they are not "expiring"; the active ones all are.
    expect(ids(within)).not.toContain(rooms[1]);
    expect(ids(within)).not.toContain(rooms[4]);
    expect(ids(within)).toEqual(expect.arrayContaining([rooms[0], rooms[2], rooms[3], rooms[5], rooms[6]]));
    expect(within.items.every((item) => item.status === "active")).toBe(true);
    app.clock.advance(DAY - 30 * 60_000);
    expect(ids(await list("expiring_within_hours=1&limit=200"))).toEqual(expect.arrayContaining([rooms[0], rooms[6]]));
    app.clock.advance(60 * 60_000);
    expect((await list("expiring_within_hours=24")).items).toEqual([]);
  });

  it("the total is exact up to 10 000, then says 10 000 and not exact", async () => {
    const own = await newOrg(app, { users: ["agent"], groups: { sales: ["agent"] } });
    const lead = await newContact(app, {}, own);
    await createRoom(app, { lead_id: lead.id, assign_details: { assign_mode: "GROUP", group_id: own.group.sales, assign_on_handover: true } }, own);
    expect((await list("limit=1", own)).total).toEqual({ count: 1, exact: true });
    await app.database.db.execute(sql`
      insert into chatrooms (id, org_id, contact_id, remote_phone_id, phone_number, display_name, display_name_derived,
        external_ref_id, history_visibility, created_at, last_activity_at, expiry_ts, inactivity_deadline, deactivated_at, deactivation_reason)
      select ${own.id} || '_bulk_' || g, ${own.id}, ${lead.id}, ${own.phone.first}, ${lead.phone_number}, ${lead.crm_id}, true,
        '!bulk' || g || ':matrix.test.example', 'shared',
        now() - interval '40 days', now() - interval '40 days', now() - interval '10 days', now() - interval '33 days',
        now() - interval '33 days', 'SPAM'
      from generate_series(1, 10000) g`);
    const capped = await list("limit=1", own);
    expect(capped.total).toEqual({ count: 10_000, exact: false });
    const filtered = await list("limit=1&pending_handover=true", own);
    expect(filtered.total).toEqual({ count: 1, exact: true });
  });
});

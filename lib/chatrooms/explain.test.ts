import { sql } from "drizzle-orm";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { FixedClock } from "@/lib/clock";
import { encodeCursor } from "@/lib/pagination";
import { provision } from "@/lib/provision/load";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { fixture } from "@/lib/testing/fixture";
import { listChatroomsQuery, type ListChatroomsParams } from "./list";
import { chatroomsQuery } from "./records";

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  Plans?: PlanNode[];
}

function scansOf(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(scansOf)];
}

/** The list query's plans over 100 000 chatrooms: PostgreSQL must find them through an index. */
describe.runIf(inject("postgresUrl"))("the chatroom list's query plans on PostgreSQL", () => {
  let database: TestDatabase;
  const now = new Date();

  beforeAll(async () => {
    database = await openTestDatabase();
    await provision(database.db, fixture, new FixedClock(now));
    await database.db.execute(sql`
      insert into contacts (id, org_id, crm_id, phone_number, first_name, last_name)
      select 'cx_' || g, 'org_a', 'X-' || g, '+91' || (8000000000 + g), 'First' || g, 'Last' || g
      from generate_series(1, 100000) g`);
    await database.db.execute(sql`
      insert into chatrooms (id, org_id, contact_id, remote_phone_id, phone_number, display_name, display_name_derived,
        external_ref_id, history_visibility, created_at, last_activity_at, expiry_ts, inactivity_deadline,
        deactivated_at, deactivation_reason)
      select 'crx_' || g, 'org_a', 'cx_' || g, (array['ph_a1', 'ph_a2', 'ph_a3'])[1 + g % 3], '+91' || (8000000000 + g),
        'X-' || g, true, '!x' || g || ':matrix.a.example', 'shared',
        now() - g * interval '20 seconds', now() - g * interval '10 seconds',
        now() - g * interval '20 seconds' + interval '30 days', now() - g * interval '10 seconds' + interval '7 days',
        case when g % 4 = 0 then now() end, case when g % 4 = 0 then 'SPAM' end
      from generate_series(1, 100000) g`);
    await database.db.execute(sql`analyze`);
  });
  afterAll(() => database?.close());

  async function plan(params: Partial<ListChatroomsParams>): Promise<PlanNode[]> {
    const query = chatroomsQuery(database.db, listChatroomsQuery(database.db, { orgId: "org_a", now, sort: "created", limit: 50, ...params }));
    const { sql: text, params: values } = query.toSQL();
    const pool = (database.db as unknown as { $client: pg.Pool }).$client;
    const result = await pool.query(`explain (format json) ${text}`, values as unknown[]);
    const [{ Plan }] = result.rows[0]["QUERY PLAN"] as [{ Plan: PlanNode }];
    return scansOf(Plan);
  }

  const deepCursor = () => encodeCursor({ t: new Date(now.getTime() - 60_000 * 20_000).toISOString(), id: "crx_60000" });

  for (const [name, params] of [
    ["the first page, newest first", {}],
    ["a deep page (keyset cursor)", { cursor: deepCursor() }],
    ["active only", { status: "active" as const }],
    ["by activity", { sort: "activity" as const }],
    ["one contact", { contactId: "cx_500" }],
    ["one phone number", { phone: "+918000000500" }],
  ] as [string, Partial<ListChatroomsParams>][]) {
    it(`${name}: no sequential scan of chatrooms`, async () => {
      const nodes = await plan(params);
      const chatroomScans = nodes.filter((node) => node["Relation Name"] === "chatrooms");
      expect(chatroomScans.length).toBeGreaterThan(0);
      expect(chatroomScans.map((node) => node["Node Type"])).not.toContain("Seq Scan");
    });
  }
});

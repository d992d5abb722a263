import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { FixedClock } from "@/lib/clock";
import { encodeCursor } from "@/lib/pagination";
import { provision } from "@/lib/provision/load";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { fixture } from "@/lib/testing/fixture";
import { countChatroomsQuery, listChatroomsQuery, type ListChatroomsParams } from "./list";
import { chatroomsQuery } from "./records";
import { EXACT_TOTAL_LIMIT } from "./schemas";

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Actual Rows"?: number;
  Plans?: PlanNode[];
}

function scansOf(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(scansOf)];
}

const ROOMS = 100_000;
const SEED_CHUNK = 5_000;

/**
 * The list query's plans over 100 000 chatrooms: PostgreSQL must find a page through an index, and count the
 * capped total without reading past the cap.
 */
describe.runIf(inject("postgresUrl"))("the chatroom list's query plans on PostgreSQL", () => {
  let database: TestDatabase;
  const now = new Date();

  beforeAll(async () => {
    database = await openTestDatabase();
    await provision(database.db, fixture, new FixedClock(now));
    // In chunks: each statement is its own short transaction. One long insert would hold the cluster's
    // oldest running transaction id, which holds back every event reader of the tests running beside it.
    for (let from = 1; from <= ROOMS; from += SEED_CHUNK) {
      const to = Math.min(ROOMS, from + SEED_CHUNK - 1);
      await database.db.execute(sql`
        insert into contacts (id, org_id, crm_id, phone_number, first_name, last_name)
        select 'cx_' || g, 'org_a', 'X-' || g, '+91' || (8000000000 + g), 'First' || g, 'Last' || g
        from generate_series(${from}::int, ${to}::int) g`);
      await database.db.execute(sql`
        insert into chatrooms (id, org_id, contact_id, remote_phone_id, phone_number, display_name, display_name_derived,
          external_ref_id, history_visibility, created_at, last_activity_at, expiry_ts, inactivity_deadline,
          deactivated_at, deactivation_reason)
        select 'crx_' || g, 'org_a', 'cx_' || g, (array['ph_a1', 'ph_a2', 'ph_a3'])[1 + g % 3], '+91' || (8000000000 + g),
          'X-' || g, true, '!x' || g || ':matrix.a.example', 'shared',
          now() - g * interval '20 seconds', now() - g * interval '10 seconds',
          now() - g * interval '20 seconds' + interval '30 days', now() - g * interval '10 seconds' + interval '7 days',
          case when g % 4 = 0 then now() end, case when g % 4 = 0 then 'SPAM' end
        from generate_series(${from}::int, ${to}::int) g`);
    }
    await database.db.execute(sql`analyze`);
  });
  afterAll(() => database?.close());

  async function explain(text: string, values: unknown[], analyze = false): Promise<PlanNode[]> {
    const pool = (database.db as unknown as { $client: pg.Pool }).$client;
    const result = await pool.query(`explain (format json${analyze ? ", analyze" : ""}) ${text}`, values);
    const [{ Plan }] = result.rows[0]["QUERY PLAN"] as [{ Plan: PlanNode }];
    return scansOf(Plan);
  }

  const listParams = (params: Partial<ListChatroomsParams>): ListChatroomsParams => ({ orgId: "org_a", now, sort: "created", limit: 50, ...params });

  async function plan(params: Partial<ListChatroomsParams>): Promise<PlanNode[]> {
    const { backwards: _backwards, ...query } = listChatroomsQuery(database.db, listParams(params));
    const { sql: text, params: values } = chatroomsQuery(database.db, query).toSQL();
    return explain(text, values as unknown[]);
  }

  async function countPlan(params: Partial<ListChatroomsParams>): Promise<PlanNode[]> {
    const dialect = new PgDialect();
    const { sql: text, params: values } = dialect.sqlToQuery(countChatroomsQuery(database.db, listParams(params)));
    return explain(text, values as unknown[], true);
  }

  const deepAt = new Date(now.getTime() - 60_000 * 20_000).toISOString();
  const deepCursor = (sort: ListChatroomsParams["sort"], order: "asc" | "desc", d: "next" | "prev" = "next") =>
    encodeCursor({ s: sort, o: order, d, t: deepAt, id: "crx_60000" });

  const cases: [string, Partial<ListChatroomsParams>][] = [
    ["the first page, newest first", {}],
    ["a deep page (keyset cursor)", { cursor: deepCursor("created", "desc") }],
    ["a deep page read backwards", { cursor: deepCursor("created", "desc", "prev") }],
    ["active only", { status: "active" }],
    ["by activity", { sort: "activity" }],
    ["by activity, a deep page", { sort: "activity", cursor: deepCursor("activity", "desc") }],
    ["by expiry, soonest first", { sort: "expiry" }],
    ["by expiry, latest first, a deep page", { sort: "expiry", order: "desc", cursor: deepCursor("expiry", "desc") }],
    ["by deactivation deadline", { sort: "deactivation" }],
    ["by deactivation deadline, a deep page backwards", { sort: "deactivation", cursor: deepCursor("deactivation", "asc", "prev") }],
    ["expiring within 24 h", { expiringWithinHours: 24, sort: "expiry" }],
    ["pending handover", { pendingHandover: true }],
    ["unassigned, by activity", { unassigned: true, sort: "activity" }],
    ["one contact", { contactId: "cx_500" }],
    ["one phone number", { phone: "+918000000500" }],
  ];
  for (const [name, params] of cases) {
    it(`${name}: no sequential scan of chatrooms`, async () => {
      const nodes = await plan(params);
      const chatroomScans = nodes.filter((node) => node["Relation Name"] === "chatrooms");
      expect(chatroomScans.length).toBeGreaterThan(0);
      expect(chatroomScans.map((node) => node["Node Type"])).not.toContain("Seq Scan");
    });
  }

  for (const [name, params] of [
    ["every chatroom", {}],
    ["active only", { status: "active" }],
    ["by phone", { remotePhoneId: "ph_a2" }],
  ] as [string, Partial<ListChatroomsParams>][]) {
    it(`the capped total of ${name} stops after ${EXACT_TOTAL_LIMIT + 1} chatrooms`, async () => {
      const nodes = await countPlan(params);
      const chatroomScans = nodes.filter((node) => node["Relation Name"] === "chatrooms");
      expect(chatroomScans.length).toBeGreaterThan(0);
      for (const scan of chatroomScans) expect(scan["Actual Rows"]).toBeLessThanOrEqual(EXACT_TOTAL_LIMIT + 1);
    });
  }
});

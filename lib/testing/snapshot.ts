import { getTableName, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import * as schema from "@/lib/db/schema";
import { rowsOf } from "@/lib/db/sql";

/** Bookkeeping tables that a refused request may still write (I3). */
const BOOKKEEPING = new Set(["rate_limit_buckets", "idempotency_records", "conflict_log", "api_keys"]);

/**
 * A refused request's conflict-log entry is published as an event too, and counted in the overview's
 * counters; every other event and counter row is a change's.
 */
const BOOKKEEPING_ROWS: Record<string, string> = {
  events: "where t.type <> 'conflict.recorded'",
  stats_counts: "where t.metric <> 'conflicts'",
};

const domainTables = Object.values(schema)
  .filter((value): value is typeof schema.orgs => typeof value === "object" && value !== null && Symbol.for("drizzle:IsDrizzleTable") in value)
  .map((table) => getTableName(table))
  .sort();

/** Every row of the given tables, in a stable order, as JSON text: equal snapshots mean equal contents. */
export async function snapshotTables(db: Db, options: { includeBookkeeping?: boolean } = {}): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of domainTables) {
    if (!options.includeBookkeeping && BOOKKEEPING.has(table)) continue;
    const rows = options.includeBookkeeping ? "" : (BOOKKEEPING_ROWS[table] ?? "");
    const result = await db.execute(sql.raw(`select coalesce(json_agg(t order by t::text), '[]')::text as rows from "${table}" t ${rows}`));
    out[table] = rowsOf<{ rows: string }>(result)[0]!.rows;
  }
  return out;
}

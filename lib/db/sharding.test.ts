import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { rowsOf } from "./sql";

/**
 * docs/scaling.md states, for sharding by org (distribution column org_id), which tables, keys and foreign
 * keys of the migrated schema are ready and which are not. These tests read the same facts from the
 * catalog (pg_class, pg_index, pg_constraint) and compare them with the document's tables, so that a
 * schema change that makes the document wrong fails here.
 */

const DOCUMENT = path.resolve("docs/scaling.md");

/** The rows of the markdown table after `<!-- catalog: name -->`, their first `width` cells, without backticks. */
function documentedRows(name: string, width: number): string[][] {
  const lines = fs.readFileSync(DOCUMENT, "utf8").split("\n");
  const start = lines.indexOf(`<!-- catalog: ${name} -->`);
  if (start < 0) throw new Error(`docs/scaling.md has no table marked <!-- catalog: ${name} -->`);
  const table: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith("|")) {
      if (table.length > 0) break;
      continue;
    }
    table.push(line);
  }
  return table
    .slice(2)
    .map((line) => line.split("|").slice(1, 1 + width).map((cell) => cell.replaceAll("`", "").trim()))
    .sort(byCells);
}

function byCells(a: string[], b: string[]): number {
  const left = a.join("\u0000");
  const right = b.join("\u0000");
  return left < right ? -1 : left > right ? 1 : 0;
}

interface ForeignKey {
  fromTable: string;
  columns: string[];
  toTable: string;
  referenced: string[];
}

describe("docs/scaling.md: sharding by org, as the catalog of the migrated schema has it", () => {
  let database: TestDatabase;
  let orgTables: Set<string>;
  let tables: string[];
  let foreignKeys: ForeignKey[];
  beforeAll(async () => {
    database = await openTestDatabase();
    const tableRows = rowsOf<{ table_name: string; has_org_id: boolean }>(
      await database.db.execute(sql`
        select c.relname as table_name,
          exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped) as has_org_id
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r'`),
    );
    tables = tableRows.map((row) => row.table_name);
    orgTables = new Set(tableRows.filter((row) => row.has_org_id).map((row) => row.table_name));
    foreignKeys = rowsOf<{ from_table: string; columns: string[]; to_table: string; referenced: string[] }>(
      await database.db.execute(sql`
        select t.relname as from_table, f.relname as to_table,
          array(select a.attname::text from unnest(c.conkey) with ordinality as k (attnum, n)
                join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum order by k.n) as columns,
          array(select a.attname::text from unnest(c.confkey) with ordinality as k (attnum, n)
                join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.attnum order by k.n) as referenced
        from pg_constraint c
        join pg_class t on t.oid = c.conrelid
        join pg_class f on f.oid = c.confrelid
        join pg_namespace n on n.oid = t.relnamespace
        where n.nspname = 'public' and c.contype = 'f'`),
    ).map((row) => ({ fromTable: row.from_table, columns: row.columns, toTable: row.to_table, referenced: row.referenced }));
  });
  afterAll(() => database?.close());

  const cells = (key: ForeignKey) => [key.fromTable, key.columns.join(", "), `${key.toTable} (${key.referenced.join(", ")})`];
  /** Both sides carry org_id, paired with each other: the key can hold within one shard. */
  const byOrg = (key: ForeignKey) =>
    orgTables.has(key.fromTable) && orgTables.has(key.toTable) && key.referenced[key.columns.indexOf("org_id")] === "org_id";

  it("the tables without an org_id column are the ones it lists", () => {
    expect(tables.filter((table) => !orgTables.has(table)).map((table) => [table]).sort(byCells)).toEqual(
      documentedRows("tables without org_id", 1),
    );
  });

  it("every foreign key between two tables with org_id includes org_id on both sides: the ones it lists as ready", () => {
    const betweenOrgTables = foreignKeys.filter((key) => orgTables.has(key.fromTable) && orgTables.has(key.toTable));
    expect(betweenOrgTables.filter((key) => !byOrg(key)).map(cells)).toEqual([]);
    expect(betweenOrgTables.map(cells).sort(byCells)).toEqual(documentedRows("foreign keys by org", 3));
  });

  it("the foreign keys to tables without org_id, and from them into tables with it, are the ones it lists", () => {
    const toGlobal = foreignKeys.filter((key) => !orgTables.has(key.toTable));
    expect(toGlobal.map(cells).sort(byCells)).toEqual(documentedRows("foreign keys to tables without org_id", 3));
    const intoOrgTables = foreignKeys.filter((key) => !orgTables.has(key.fromTable) && orgTables.has(key.toTable));
    expect(intoOrgTables.map(cells).sort(byCells)).toEqual(documentedRows("foreign keys from tables without org_id", 3));
  });

  it("the primary keys and unique indexes of tables with org_id that lack org_id are the ones it lists", async () => {
    const keys = rowsOf<{ table_name: string; key_name: string; is_primary: boolean; partial: boolean; columns: string[] }>(
      await database.db.execute(sql`
        select t.relname as table_name, i.relname as key_name, ix.indisprimary as is_primary,
          ix.indpred is not null as partial,
          array(select pg_get_indexdef(ix.indexrelid, k, true) from generate_series(1, ix.indnkeyatts) as k order by k) as columns
        from pg_index ix
        join pg_class i on i.oid = ix.indexrelid
        join pg_class t on t.oid = ix.indrelid
        join pg_namespace n on n.oid = t.relnamespace
        where n.nspname = 'public' and ix.indisunique`),
    );
    const withoutOrgId = keys
      .filter((key) => orgTables.has(key.table_name) && !key.columns.includes("org_id"))
      .map((key) => [
        key.table_name,
        key.key_name,
        key.columns.join(", "),
        key.is_primary ? "primary key" : key.partial ? "partial unique index" : "unique",
      ]);
    expect(withoutOrgId.sort(byCells)).toEqual(documentedRows("unique keys without org_id", 4));
  });
});

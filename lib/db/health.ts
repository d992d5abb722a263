import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { migrationsFolder, type Db } from "./client";
import { rowsOf } from "./sql";

export interface Readiness {
  ready: boolean;
  appliedMigrations: number;
  expectedMigrations: number;
}

/** Ready when the database answers and every migration in the repository has been applied. */
export async function checkReadiness(db: Db): Promise<Readiness> {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8")) as {
    entries: unknown[];
  };
  const result = await db.execute(sql`select count(*) as applied from drizzle.__drizzle_migrations`);
  const appliedMigrations = Number(rowsOf<{ applied: number | string }>(result)[0]?.applied ?? 0);
  return {
    ready: appliedMigrations >= journal.entries.length,
    appliedMigrations,
    expectedMigrations: journal.entries.length,
  };
}

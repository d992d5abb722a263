import fs from "node:fs";
import { inject } from "vitest";
import { openDatabase, type Database } from "@/lib/db/client";
import { createTestDatabase } from "./postgres";

/** `url`: the PostgreSQL database of this test file, for a second pool (another app instance). */
export type TestDatabase = Database & { label: "pglite" | "postgres"; url?: string };

/**
 * A fresh, migrated database for one test file: PostgreSQL (a copy of the migrated template) when the run
 * has DATABASE_URL, else an in-memory PGlite loaded from the migrated dump.
 */
export async function openTestDatabase(): Promise<TestDatabase> {
  const postgresUrl = inject("postgresUrl");
  if (postgresUrl) {
    const created = await createTestDatabase(postgresUrl, inject("postgresTemplate"));
    const database = await openDatabase({ kind: "postgres", url: created.url, poolSize: 20 }, { migrate: false });
    return {
      ...database,
      label: "postgres",
      url: created.url,
      close: async () => {
        await database.close();
        await created.drop();
      },
    };
  }
  const dump = new Blob([fs.readFileSync(inject("pgliteTemplate"))]);
  const database = await openDatabase({ kind: "pglite-memory", dataDir: dump }, { migrate: false });
  return { ...database, label: "pglite" };
}

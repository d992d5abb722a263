import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import pg from "pg";
import { noteDatabaseReachable } from "./availability";
import { acquireDirectoryLock } from "./pglite-lock";
import * as schema from "./schema";

type Schema = typeof schema;
/** A database or a transaction: every query helper accepts either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: "postgres"; url: string; poolSize?: number }
  | { kind: "pglite"; dir: string }
  /** A PGlite in memory, optionally started from a data directory dump (tests). */
  | { kind: "pglite-memory"; dataDir?: Blob };

export const migrationsFolder = path.join(process.cwd(), "lib/db/migrations");

/** Arbitrary constant: serializes migrations of several app instances on one PostgreSQL. */
const MIGRATION_LOCK_ID = 727_073_690;

export async function openDatabase(target: DatabaseTarget, options: { migrate?: boolean } = {}): Promise<Database> {
  const migrate = options.migrate ?? true;
  if (target.kind === "postgres") {
    // A connection attempt that hangs (a network gone quiet) fails after a while, as an outage.
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10, connectionTimeoutMillis: 10_000, keepAlive: true });
    // An idle client's error (e.g. the server restarting) must not crash the process.
    pool.on("error", () => undefined);
    pool.on("connect", noteDatabaseReachable);
    const db = drizzlePg({ client: pool, schema }) as unknown as Db;
    if (migrate) {
      const client = await pool.connect();
      try {
        await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
        await migratePg(drizzlePg({ client, schema }), { migrationsFolder });
      } finally {
        await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]).catch(() => undefined);
        client.release();
      }
    }
    return { db, kind: "postgres", close: () => pool.end() };
  }

  const lock = target.kind === "pglite" ? acquireDirectoryLock(target.dir) : undefined;
  try {
    const client =
      target.kind === "pglite"
        ? await PGlite.create(path.resolve(target.dir))
        : await PGlite.create({ loadDataDir: target.dataDir });
    const db = drizzlePglite({ client, schema }) as unknown as Db;
    if (migrate) await migratePglite(drizzlePglite({ client, schema }), { migrationsFolder });
    return {
      db,
      kind: "pglite",
      close: async () => {
        await client.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/** Dumps a migrated in-memory PGlite so tests can start from it in about a second. */
export async function dumpPgliteTemplate(): Promise<Blob> {
  const client = await PGlite.create();
  await migratePglite(drizzlePglite({ client, schema }), { migrationsFolder });
  const dump = await client.dumpDataDir("none");
  await client.close();
  return dump;
}

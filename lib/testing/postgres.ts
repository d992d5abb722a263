import { randomBytes } from "node:crypto";
import pg from "pg";

/** The server's maintenance database, to create and drop test databases. */
export function adminUrl(url: string): string {
  const parsed = new URL(url);
  parsed.pathname = "/postgres";
  return parsed.toString();
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A fresh database copied from the migrated template; dropped by the returned function. */
export async function createTestDatabase(url: string, template: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `switchboard_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl(url) });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${template}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(url, name),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl(url) });
      await client.connect();
      try {
        await dropDatabase(client, name);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * Drops a database and the sessions left on it. FORCE ends sessions only of roles the caller is a member of, so
 * an autovacuum worker in the database makes it fail for a role without superuser (42501, "must be a member of
 * the role whose process is being terminated"); a plain DROP cancels autovacuum and waits for it, once the
 * caller's own sessions there are ended.
 */
export async function dropDatabase(admin: pg.Client, name: string): Promise<void> {
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
  } catch (error) {
    if ((error as { code?: string }).code !== "42501") throw error;
    await admin.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and usename = current_user and pid <> pg_backend_pid()`,
      [name],
    );
    await admin.query(`drop database if exists ${name}`);
  }
}

import pg from "pg";
import { adminUrl, withDatabase } from "../lib/testing/postgres.ts";

async function onServer(url: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl(url) });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/**
 * A throwaway database for a benchmark on the server of `url` (the role needs CREATEDB); `drop` removes it,
 * retrying while an autovacuum worker, which this role may not terminate, is still connected.
 */
export async function createScratchDatabase(url: string, name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  await onServer(url, `create database ${name}`);
  return {
    url: withDatabase(url, name),
    drop: async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          await onServer(url, `drop database if exists ${name}`);
          return;
        } catch (error) {
          if (attempt >= 30) throw error;
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
      }
    },
  };
}

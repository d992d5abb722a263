import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/sql";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { lockPhoneNumber } from "./locks";

/**
 * I1's lock per (org, phone number), read back from pg_locks on both databases: which lock a transaction
 * holds. Whether it serializes concurrent writers is proven by the concurrency tests on PostgreSQL.
 */
describe("lockPhoneNumber (I1)", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  const advisoryLocks = async (tx: Db) =>
    rowsOf<{ classid: string; objid: string; mode: string; granted: boolean }>(
      await tx.execute(sql`select classid::text, objid::text, mode, granted from pg_locks
        where locktype = 'advisory' and pid = pg_backend_pid() order by classid, objid`),
    );

  const locksHeldBy = (take: (tx: Db) => Promise<void>) =>
    database.db.transaction(async (tx) => {
      await take(tx);
      return advisoryLocks(tx);
    });

  it("I1: takes one exclusive transaction lock, keyed by the org and the number together", async () => {
    const held = await locksHeldBy((tx) => lockPhoneNumber(tx, "org_a", "+15550001111"));
    const expected = await locksHeldBy(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('org_a +15550001111', 0))`);
    });
    expect(held).toHaveLength(1);
    expect(held).toEqual(expected);
    expect(held[0]).toMatchObject({ mode: "ExclusiveLock", granted: true });
  });

  it("I1: another number, or the same number in another org, is another lock", async () => {
    const [first] = await locksHeldBy((tx) => lockPhoneNumber(tx, "org_a", "+15550001111"));
    const [otherNumber] = await locksHeldBy((tx) => lockPhoneNumber(tx, "org_a", "+15550002222"));
    const [otherOrg] = await locksHeldBy((tx) => lockPhoneNumber(tx, "org_b", "+15550001111"));
    expect(otherNumber).not.toEqual(first);
    expect(otherOrg).not.toEqual(first);
  });

  it("I1: the lock ends with its transaction", async () => {
    await locksHeldBy((tx) => lockPhoneNumber(tx, "org_a", "+15550001111"));
    const after = await database.db.transaction((tx) => advisoryLocks(tx));
    expect(after).toEqual([]);
  });
});

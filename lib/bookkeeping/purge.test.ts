import { inArray, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { claimIdempotencyKey } from "@/lib/api/idempotency";
import { takeToken } from "@/lib/api/rate-limit";
import { apiKeys, conflictLog, idempotencyRecords, rateLimitBuckets } from "@/lib/db/schema";
import { useTestApp } from "@/lib/testing/app";
import { purgeBookkeeping } from "./purge";

const DAY = 24 * 60 * 60 * 1000;

describe("the sweeper's purge of bookkeeping", () => {
  const app = useTestApp();
  const services = () => ({ db: app.database.db, clock: app.clock });
  const db = () => app.database.db;

  it("deletes rate-limit buckets once they have refilled, and no sooner", async () => {
    const limit = { perSecond: 1, burst: 5 };
    const keys = Array.from({ length: 7 }, (_, i) => `purge-test:${i}`);
    for (const key of keys) await takeToken(db(), key, limit, app.clock.now());
    // Four more from one bucket: it is one token from empty and full again 5 s later.
    for (let i = 0; i < 4; i++) await takeToken(db(), keys[0]!, limit, app.clock.now());
    const left = async () => (await db().select({ key: rateLimitBuckets.bucketKey }).from(rateLimitBuckets).where(inArray(rateLimitBuckets.bucketKey, keys))).map((row) => row.key);

    app.clock.advance(1_500);
    await purgeBookkeeping(services(), { conflictRetentionDays: 90, batchSize: 2 });
    expect(await left()).toEqual([keys[0]]);
    app.clock.advance(4_000);
    const purged = await purgeBookkeeping(services(), { conflictRetentionDays: 90, batchSize: 2 });
    expect(await left()).toEqual([]);
    expect(purged.rateLimitBuckets).toBeGreaterThanOrEqual(1);
    // A purged bucket starts full again, as a refilled one would be.
    expect((await takeToken(db(), keys[0]!, limit, app.clock.now())).allowed).toBe(true);
  });

  it("deletes idempotency records past 24 h, in batches", async () => {
    const claim = (key: string) =>
      claimIdempotencyKey(db(), { principal: "user:u_admin_a", method: "POST", url: new URL("http://any/v2/org/org_a/contact"), key }, "f", app.clock.now());
    for (let i = 0; i < 5; i++) await claim(`old-${i}`);
    app.clock.advance(DAY - 60_000);
    await claim("recent");
    app.clock.advance(60_001);
    const purged = await purgeBookkeeping(services(), { conflictRetentionDays: 90, batchSize: 2 });
    expect(purged.idempotencyRecords).toBe(5);
    expect(await db().select().from(idempotencyRecords)).toHaveLength(1);
  });

  it("R25: deletes conflict log entries past CONFLICT_RETENTION_DAYS and keeps the newer ones", async () => {
    const now = app.clock.now().getTime();
    const entry = (daysAgo: number) => ({
      orgId: "org_a",
      phoneNumber: "+919000000001",
      errorCode: "CHATROOM_EXISTS_FOR_PHONE",
      chatroomIds: [],
      principal: { type: "user" },
      at: new Date(now - daysAgo * DAY),
    });
    await db().insert(conflictLog).values([entry(91), entry(95), entry(200), entry(89), entry(1)]);
    const purged = await purgeBookkeeping(services(), { conflictRetentionDays: 90, batchSize: 2 });
    expect(purged.conflictEntries).toBe(3);
    const kept = await db().select({ at: conflictLog.at }).from(conflictLog);
    expect(kept.map((row) => Math.round((now - row.at.getTime()) / DAY)).sort((a, b) => a - b)).toEqual([1, 89]);
  });

  it("deletes console keys that lapsed, and leaves live and provisioned ones", async () => {
    const now = app.clock.now();
    await db().insert(apiKeys).values([
      { id: "k_console_lapsed", tokenHash: "hash-lapsed", principalType: "console", expiresAt: new Date(now.getTime() - 1) },
      { id: "k_console_live", tokenHash: "hash-live", principalType: "console", expiresAt: new Date(now.getTime() + 60_000) },
    ]);
    await purgeBookkeeping(services(), { conflictRetentionDays: 90 });
    const consoleKeys = await db().select({ id: apiKeys.id }).from(apiKeys).where(like(apiKeys.id, "k_console%"));
    expect(consoleKeys.map((key) => key.id).sort()).toEqual(["k_console", "k_console_live"]);
  });
});

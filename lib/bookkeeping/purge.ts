import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { apiKeys, conflictLog, idempotencyRecords, rateLimitBuckets, revokedSessions } from "@/lib/db/schema";
import { rowsOf, timestampParam } from "@/lib/db/sql";
import type { Services } from "@/lib/services";
import { foldStatsCounts } from "@/lib/stats/rollup";

/** Idempotency-Key replays last 24 h (docs/architecture.md); a record older than that is never read again. */
const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_PURGE_BATCH_SIZE = 5_000;

export interface PurgeResult {
  rateLimitBuckets: number;
  idempotencyRecords: number;
  conflictEntries: number;
  consoleKeys: number;
  revokedSessions: number;
  /** Not purged but folded: the overview's counter rows merged into one per figure. */
  statsRowsFolded: number;
}

/**
 * Deletes the rows of `table` matching `where`, `batchSize` at a time, each batch its own statement (and
 * so its own short transaction), until a batch finds fewer: nothing is held long, whatever the backlog.
 */
async function deleteInBatches(db: Db, table: SQL, where: SQL, batchSize: number): Promise<number> {
  let deleted = 0;
  for (;;) {
    const result = await db.execute(sql`
      with doomed as (select ctid from ${table} where ${where} limit ${batchSize})
      delete from ${table} where ctid = any(array(select ctid from doomed)) returning 1 as gone`);
    const count = rowsOf<unknown>(result).length;
    deleted += count;
    if (count < batchSize) return deleted;
  }
}

/**
 * The bookkeeping nobody reads again: rate-limit buckets that have refilled (a full bucket is the same as
 * none), idempotency records past 24 h, conflict log entries past the retention, and console keys that
 * lapsed because their instance stopped renewing them, and revoked dashboard sessions past their expiry.
 * It also folds the overview's counter rows, which otherwise grow with every change.
 */
export async function purgeBookkeeping(
  services: Services,
  options: { conflictRetentionDays: number; batchSize?: number },
): Promise<PurgeResult> {
  const { db } = services;
  const nowMs = services.clock.now().getTime();
  const now = timestampParam(new Date(nowMs));
  const batch = options.batchSize ?? DEFAULT_PURGE_BATCH_SIZE;
  return {
    rateLimitBuckets: await deleteInBatches(db, sql`${rateLimitBuckets}`, sql`${rateLimitBuckets.fullAt} <= ${now}`, batch),
    idempotencyRecords: await deleteInBatches(
      db,
      sql`${idempotencyRecords}`,
      sql`${idempotencyRecords.createdAt} < ${timestampParam(new Date(nowMs - IDEMPOTENCY_RETENTION_MS))}`,
      batch,
    ),
    conflictEntries: await deleteInBatches(
      db,
      sql`${conflictLog}`,
      sql`${conflictLog.at} < ${timestampParam(new Date(nowMs - options.conflictRetentionDays * DAY_MS))}`,
      batch,
    ),
    consoleKeys: await deleteInBatches(
      db,
      sql`${apiKeys}`,
      sql`${apiKeys.principalType} = 'console' and ${apiKeys.expiresAt} <= ${now}`,
      batch,
    ),
    revokedSessions: await deleteInBatches(db, sql`${revokedSessions}`, sql`${revokedSessions.expiresAt} <= ${now}`, batch),
    statsRowsFolded: await foldStatsCounts(db, { batchSize: batch }),
  };
}

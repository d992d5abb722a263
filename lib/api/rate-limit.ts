import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { rateLimitBuckets } from "@/lib/db/schema";
import { rowsOf, timestampParam } from "@/lib/db/sql";

export interface RateLimit {
  perSecond: number;
  burst: number;
}

export interface RateDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

/**
 * A token bucket held in the database, so that it holds across instances: one atomic upsert refills by
 * the elapsed time, takes up to `wanted` tokens (as many as are whole, when fewer; none when not even one
 * is), and returns `tokens`, `last_allowed` and `last_taken`. `rows` is a SELECT giving the bucket keys (one
 * row: a plain `select <key>`, or a CTE's row, to take the token in the same statement as another query).
 */
export function takeTokenStatement(rows: SQL, limit: RateLimit, now: Date, wanted = 1): SQL {
  const at = timestampParam(now);
  const want = Math.max(1, Math.min(Math.floor(wanted), limit.burst));
  // A refill time slightly ahead is another instance's clock: kept, so the same time is not refilled twice.
  // One far ahead means the clock went back (a rewound test clock, a large NTP step): the bucket starts
  // again, full and from now, or it would not refill until the clock caught up.
  const wentBack = sql`${rateLimitBuckets.refilledAt} > ${at} + interval '1 minute'`;
  const refilled = sql`case when ${wentBack} then ${limit.burst}::float8 else least(${limit.burst}::float8, ${rateLimitBuckets.tokens} + greatest(0, extract(epoch from (${at} - ${rateLimitBuckets.refilledAt}))) * ${limit.perSecond}::float8) end`;
  const taken = sql`least(${want}::float8, floor(${refilled}))`;
  const tokens = sql`${refilled} - ${taken}`;
  const refilledAt = sql`case when ${wentBack} then ${at} else greatest(${rateLimitBuckets.refilledAt}, ${at}) end`;
  return sql`
    insert into ${rateLimitBuckets} (bucket_key, tokens, refilled_at, last_allowed, last_taken, full_at)
    select bucket_key, ${limit.burst - want}::float8, ${at}, true, ${want}::int, ${at} + make_interval(secs => ${want / limit.perSecond}::float8)
    from (${rows}) as keys (bucket_key)
    on conflict (bucket_key) do update set
      tokens = ${tokens},
      refilled_at = ${refilledAt},
      last_allowed = ${refilled} >= 1,
      last_taken = ${taken}::int,
      full_at = ${refilledAt} + make_interval(secs => (${limit.burst}::float8 - (${tokens})) / ${limit.perSecond}::float8)
    returning bucket_key, tokens, last_allowed, last_taken`;
}

export function rateDecision(row: { tokens: number | string; last_allowed: boolean } | undefined, limit: RateLimit): RateDecision {
  const allowed = row?.last_allowed ?? true;
  const missing = 1 - Number(row?.tokens ?? 1);
  return { allowed, retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(missing / limit.perSecond)) };
}

/** Takes a token from one bucket (sign-in throttling and anything else keyed by a string). */
export async function takeToken(db: Db, bucketKey: string, limit: RateLimit, now: Date): Promise<RateDecision> {
  const result = await db.execute(takeTokenStatement(sql`select ${bucketKey}::text`, limit, now));
  return rateDecision(rowsOf<{ tokens: number; last_allowed: boolean }>(result)[0], limit);
}

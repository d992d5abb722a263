import { sql } from "drizzle-orm";
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
 * A token bucket per key, held in the database so that it holds across instances: one atomic upsert
 * refills by the elapsed time, takes a token when one is there, and says whether it did.
 */
export async function takeToken(db: Db, bucketKey: string, limit: RateLimit, now: Date): Promise<RateDecision> {
  const at = timestampParam(now);
  const refilled = sql`least(${limit.burst}::float8, ${rateLimitBuckets.tokens} + greatest(0, extract(epoch from (${at} - ${rateLimitBuckets.refilledAt}))) * ${limit.perSecond}::float8)`;
  const result = await db.execute(sql`
    insert into ${rateLimitBuckets} (bucket_key, tokens, refilled_at, last_allowed)
    values (${bucketKey}, ${limit.burst - 1}::float8, ${at}, true)
    on conflict (bucket_key) do update set
      tokens = case when ${refilled} >= 1 then ${refilled} - 1 else ${refilled} end,
      refilled_at = greatest(${rateLimitBuckets.refilledAt}, ${at}),
      last_allowed = ${refilled} >= 1
    returning tokens, last_allowed`);
  const [row] = rowsOf<{ tokens: number; last_allowed: boolean }>(result);
  const allowed = row?.last_allowed ?? true;
  const missing = 1 - Number(row?.tokens ?? 1);
  return { allowed, retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(missing / limit.perSecond)) };
}

import "server-only";
import { sql } from "drizzle-orm";
import { takeToken, type RateLimit } from "@/lib/api/rate-limit";
import type { Db } from "@/lib/db/client";
import { rateLimitBuckets } from "@/lib/db/schema";
import { verifyCredentials } from "@/lib/dashboard/store";

/**
 * Sign-ins are throttled per account and per address (token buckets in rate_limit_buckets, so the limit
 * holds across instances). A token is taken from each before the password is checked, each in one atomic
 * statement (the two are not one transaction), so parallel attempts get no more checks than the burst of
 * either; a successful sign-in gives its tokens back. While a
 * bucket is empty every attempt is refused, even with the right password, and the answer never says
 * whether the email or the password was wrong.
 */
export const SIGN_IN_LIMITS = {
  account: { perSecond: 1 / 60, burst: 5 } satisfies RateLimit,
  address: { perSecond: 1 / 3, burst: 20 } satisfies RateLimit,
};

export type SignInResult = { ok: true; accountId: string } | { ok: false; reason: "invalid" | "throttled" };

const bucketKeys = (email: string, address: string) => ({
  account: `signin:acct:${email.trim().toLowerCase()}`,
  address: `signin:ip:${address}`,
});

async function giveTokenBack(db: Db, bucketKey: string, limit: RateLimit): Promise<void> {
  await db.execute(
    sql`update ${rateLimitBuckets} set tokens = least(${limit.burst}::float8, ${rateLimitBuckets.tokens} + 1) where ${rateLimitBuckets.bucketKey} = ${bucketKey}`,
  );
}

export async function signInWithPassword(
  db: Db,
  input: { email: string; password: string; address: string },
  now: Date,
): Promise<SignInResult> {
  const keys = bucketKeys(input.email, input.address);
  // Both taken whatever the first answers: each attempt counts against the account and the address.
  const account = await takeToken(db, keys.account, SIGN_IN_LIMITS.account, now);
  const address = await takeToken(db, keys.address, SIGN_IN_LIMITS.address, now);
  if (!account.allowed || !address.allowed) return { ok: false, reason: "throttled" };
  const accountId = await verifyCredentials(db, input.email, input.password);
  if (!accountId) return { ok: false, reason: "invalid" };
  await giveTokenBack(db, keys.account, SIGN_IN_LIMITS.account);
  await giveTokenBack(db, keys.address, SIGN_IN_LIMITS.address);
  return { ok: true, accountId };
}

import "server-only";
import { inArray } from "drizzle-orm";
import { takeToken, type RateLimit } from "@/lib/api/rate-limit";
import type { Db } from "@/lib/db/client";
import { rateLimitBuckets } from "@/lib/db/schema";
import { verifyCredentials } from "@/lib/dashboard/store";

/**
 * Failed sign-ins are throttled per account and per address (token buckets in rate_limit_buckets, so the
 * limit holds across instances). While a bucket is empty every attempt is refused, even with the right
 * password, and the answer never says whether the email or the password was wrong.
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

async function throttled(db: Db, keys: { account: string; address: string }, now: Date): Promise<boolean> {
  const rows = await db
    .select({ key: rateLimitBuckets.bucketKey, tokens: rateLimitBuckets.tokens, refilledAt: rateLimitBuckets.refilledAt })
    .from(rateLimitBuckets)
    .where(inArray(rateLimitBuckets.bucketKey, [keys.account, keys.address]));
  return rows.some((row) => {
    const limit = row.key === keys.account ? SIGN_IN_LIMITS.account : SIGN_IN_LIMITS.address;
    const elapsed = Math.max(0, (now.getTime() - row.refilledAt.getTime()) / 1000);
    return Math.min(limit.burst, row.tokens + elapsed * limit.perSecond) < 1;
  });
}

export async function signInWithPassword(
  db: Db,
  input: { email: string; password: string; address: string },
  now: Date,
): Promise<SignInResult> {
  const keys = bucketKeys(input.email, input.address);
  if (await throttled(db, keys, now)) return { ok: false, reason: "throttled" };
  const accountId = await verifyCredentials(db, input.email, input.password);
  if (accountId) return { ok: true, accountId };
  await takeToken(db, keys.account, SIGN_IN_LIMITS.account, now);
  await takeToken(db, keys.address, SIGN_IN_LIMITS.address, now);
  return { ok: false, reason: "invalid" };
}

/** The client's address as the nearest proxy saw it (the last X-Forwarded-For entry), for throttling only. */
export function clientAddress(headers: Record<string, string | string[] | undefined>): string {
  const raw = headers["x-forwarded-for"];
  const value = Array.isArray(raw) ? raw.join(",") : (raw ?? "");
  const parts = value.split(",").map((part) => part.trim()).filter(Boolean);
  return (parts[parts.length - 1] ?? "unknown").slice(0, 64);
}

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setAppClock } from "@/lib/app-clock";
import { FixedClock } from "@/lib/clock";
import { rateLimitBuckets } from "@/lib/db/schema";
import { useTestApp } from "@/lib/testing/app";
import { tokens } from "@/lib/testing/fixture";
import { MAX_RESERVE, RESERVE_TTL_MS, TokenReserve } from "./token-reserve";

const at = (ms: number) => new Date(Date.UTC(2026, 5, 1) + ms);

describe("a process's reserve of rate-limit tokens", () => {
  it("has nothing for a key it has not taken for, and asks the bucket for one", () => {
    const reserve = new TokenReserve();
    expect(reserve.spend("k", at(0))).toBe(false);
    expect(reserve.wanted("k")).toBe(1);
  });

  it("asks a key busy in the last window for enough to go on with (at most MAX_RESERVE), and spends each once", () => {
    const reserve = new TokenReserve();
    reserve.keep("k", 1, at(0));
    for (let i = 1; i < 12; i++) expect(reserve.spend("k", at(i))).toBe(false);
    // Still in the first window: nothing is known of its rate yet.
    expect(reserve.wanted("k")).toBe(1);
    expect(reserve.spend("k", at(100))).toBe(false);
    // 12 requests in that window, so half as many for the next 50 ms.
    expect(reserve.wanted("k")).toBe(6);
    reserve.keep("k", 6, at(100));
    const spent = Array.from({ length: 8 }, (_, i) => reserve.spend("k", at(101 + i)));
    expect(spent).toEqual([true, true, true, true, true, false, false, false]);

    const busy = new TokenReserve();
    busy.keep("k", 1, at(0));
    for (let i = 1; i < 500; i++) busy.spend("k", at(i / 10));
    busy.spend("k", at(150));
    expect(busy.wanted("k")).toBe(MAX_RESERVE);
  });

  it("lets reserved tokens lapse after RESERVE_TTL_MS, when the clock goes back, and forgets a quiet key's rate", () => {
    const reserve = new TokenReserve();
    reserve.keep("k", 5, at(1_000));
    expect(reserve.spend("k", at(1_000 + RESERVE_TTL_MS - 1))).toBe(true);
    expect(reserve.spend("k", at(1_000 + RESERVE_TTL_MS))).toBe(false);
    expect(reserve.spend("k", at(1_000 + RESERVE_TTL_MS + 1))).toBe(false);

    reserve.keep("k", 5, at(5_000));
    expect(reserve.spend("k", at(4_999))).toBe(false);
    expect(reserve.spend("k", at(5_000))).toBe(false);

    // The last window with requests was long ago: the key is quiet again and asks for one.
    reserve.spend("k", at(60_000));
    expect(reserve.wanted("k")).toBe(1);
  });
});

describe("the per-key rate limit with a reserve (through HTTP, on the database's bucket)", () => {
  const saved = { perSecond: process.env.RATE_LIMIT_PER_SECOND, burst: process.env.RATE_LIMIT_BURST };
  // Read once by env() at the first request of this file, which has its own module instances.
  beforeAll(() => {
    process.env.RATE_LIMIT_PER_SECOND = "1";
    process.env.RATE_LIMIT_BURST = "100";
  });
  afterAll(() => {
    process.env.RATE_LIMIT_PER_SECOND = saved.perSecond;
    process.env.RATE_LIMIT_BURST = saved.burst;
  });
  const app = useTestApp();
  // Moved by hand, 2 ms a request: the key is busy, and the bucket refills 0.002 tokens a request.
  const clock = new FixedClock(at(0));
  beforeAll(() => setAppClock(clock));

  it("a busy key takes tokens ahead, yet no more requests get through than the bucket holds", async () => {
    const bucketTokens = async () => {
      const rows = await app.database.db
        .select({ tokens: rateLimitBuckets.tokens })
        .from(rateLimitBuckets)
        .where(eq(rateLimitBuckets.bucketKey, "key:k_admin_a"));
      expect(rows).toHaveLength(1);
      return rows[0]!.tokens;
    };
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) {
      clock.advance(2);
      statuses.push((await app.call("GET", "/v1/org/org_a/config", { token: tokens.adminA })).status);
    }
    expect(statuses.every((status) => status === 200)).toBe(true);
    // 60 requests spent 60 tokens and refilled 0.12; the bucket holds fewer than the 40 left, because this
    // process took some ahead of the requests to come.
    expect(await bucketTokens()).toBeLessThan(40);

    for (let i = 0; i < 90; i++) {
      clock.advance(2);
      statuses.push((await app.call("GET", "/v1/org/org_a/config", { token: tokens.adminA })).status);
    }
    // 300 ms in all refilled 0.3 tokens: the burst of 100 and not one more.
    expect(statuses.filter((status) => status === 200)).toHaveLength(100);
    expect(statuses.slice(100).every((status) => status === 429)).toBe(true);
  });
  it("X-On-Behalf-Of naming nobody takes one token a request and keeps none ahead: those requests are refused", async () => {
    const consoleBucket = async () => {
      const [row] = await app.database.db.select({ tokens: rateLimitBuckets.tokens }).from(rateLimitBuckets).where(eq(rateLimitBuckets.bucketKey, "key:k_console"));
      return row?.tokens;
    };
    expect(await consoleBucket()).toBeUndefined();
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) {
      clock.advance(2);
      const answer = await app.call("GET", "/v1/orgs", { token: tokens.console, headers: { "x-on-behalf-of": "acc_nobody" } });
      statuses.push(answer.status);
    }
    expect(statuses.every((status) => status === 403)).toBe(true);
    // 60 tokens taken and 0.118 refilled (59 steps of 2 ms after the first): one a request, none held ahead.
    expect(await consoleBucket()).toBeCloseTo(40.118, 6);
  });
});

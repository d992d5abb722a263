import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setAppClock } from "@/lib/app-clock";
import { FixedClock } from "@/lib/clock";
import { useTestApp } from "@/lib/testing/app";
import { accountIds, tokens } from "@/lib/testing/fixture";

describe("the per-key rate limit", () => {
  const saved = { perSecond: process.env.RATE_LIMIT_PER_SECOND, burst: process.env.RATE_LIMIT_BURST };
  // Read once by env() at the first request of this file, which has its own module instances.
  beforeAll(() => {
    process.env.RATE_LIMIT_PER_SECOND = "1";
    process.env.RATE_LIMIT_BURST = "5";
  });
  afterAll(() => {
    process.env.RATE_LIMIT_PER_SECOND = saved.perSecond;
    process.env.RATE_LIMIT_BURST = saved.burst;
  });
  const app = useTestApp();
  // A clock that stands still between steps: refills happen when the test says, however slow the machine.
  const clock = new FixedClock(new Date("2026-06-01T12:00:00.000Z"));
  beforeAll(() => setAppClock(clock));

  it("answers 429 with Retry-After once a key's bucket is empty, per key, and refills with time", async () => {
    // Frozen: on a busy machine six requests can take a second, which would refill the bucket by itself.
    app.clock.setFrozen(true);
    try {
      await exhaustAndRefill();
    } finally {
      app.clock.setFrozen(false);
    }
  });

  async function exhaustAndRefill() {
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await app.call("GET", "/v1/org/org_a/config"));
    expect(answers.slice(0, 5).map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers[5]!.status).toBe(429);
    expect(answers[5]!.body.error_message).toBe("RATE_LIMITED");
    expect(Number(answers[5]!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);

    const otherKey = await app.call("GET", "/v1/org/org_a/config", { token: tokens.memberA });
    expect(otherKey.status).toBe(200);

    clock.advance(1_500);
    expect((await app.call("GET", "/v1/org/org_a/config")).status).toBe(200);
  }

  it("counts the console per person acting (X-On-Behalf-Of): one person's burst leaves everyone else's", async () => {
    app.clock.setFrozen(true);
    try {
      const asPerson = (accountId: string) => app.call("GET", "/v1/org/org_a/config", { token: tokens.console, headers: { "x-on-behalf-of": accountId } });
      const statuses = await Promise.all(Array.from({ length: 12 }, () => asPerson(accountIds.memberA)));
      expect(statuses.filter((answer) => answer.status === 200)).toHaveLength(5);
      expect(statuses.filter((answer) => answer.status === 429)).toHaveLength(7);
      expect((await asPerson(accountIds.adminA)).status).toBe(200);
      expect((await asPerson(accountIds.support)).status).toBe(200);
      expect((await app.call("GET", "/v1/org/org_a/config", { token: tokens.console })).status).toBe(200);
    } finally {
      app.clock.setFrozen(false);
    }
  });

  it("refills again after the clock went back a month (a rewound test clock), instead of waiting for it to catch up", async () => {
    const call = () => app.call("GET", "/v1/org/org_a/config", { token: tokens.partnerLinked });
    clock.advance(31 * 86_400_000);
    for (let i = 0; i < 5; i++) expect((await call()).status).toBe(200);
    expect((await call()).status).toBe(429);
    clock.advance(-31 * 86_400_000);
    for (let i = 0; i < 5; i++) expect((await call()).status).toBe(200);
  });
});

import { and, eq, isNull, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/api/authenticate";
import { apiKeys, users } from "@/lib/db/schema";
import demoData from "@/lib/demo/demo-data.json";
import { provision } from "@/lib/provision/load";
import { FixedClock } from "@/lib/clock";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { CONSOLE_KEY_PREFIX, CONSOLE_KEY_TTL_MS, issueConsoleKey, renewConsoleKey } from "@/lib/dashboard/store";
import { SIGN_IN_LIMITS, signInWithPassword } from "@/lib/dashboard/session/sign-in";

let database: TestDatabase;
const now = new Date("2026-03-01T10:00:00.000Z");

beforeAll(async () => {
  database = await openTestDatabase();
  await provision(database.db, demoData, new FixedClock(now));
});
afterAll(async () => {
  await database?.close();
});

describe("dashboard sign-in", () => {
  it("accepts a provisioned account and answers the same for an unknown email and a wrong password", async () => {
    const db = database.db;
    const ok = await signInWithPassword(db, { email: "ADA@acme.example", password: "demo-password-ada", address: "10.0.0.1" }, now);
    expect(ok).toEqual({ ok: true, accountId: "acc_u_ada" });
    expect(await signInWithPassword(db, { email: "ada@acme.example", password: "nope", address: "10.0.0.1" }, now)).toEqual({ ok: false, reason: "invalid" });
    expect(await signInWithPassword(db, { email: "ghost@acme.example", password: "demo-password-ada", address: "10.0.0.1" }, now)).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("throttles an account after its burst of failures, even with the right password, then lets it in again later", async () => {
    const db = database.db;
    const attempt = (password: string, at: Date, address: string) =>
      signInWithPassword(db, { email: "max@acme.example", password, address }, at);
    for (let i = 0; i < SIGN_IN_LIMITS.account.burst; i++) {
      expect((await attempt(`wrong-${i}`, now, `10.1.0.${i}`)).ok).toBe(false);
    }
    expect(await attempt("demo-password-max", now, "10.1.1.1")).toEqual({ ok: false, reason: "throttled" });
    const later = new Date(now.getTime() + 61_000);
    expect(await attempt("demo-password-max", later, "10.1.1.1")).toEqual({ ok: true, accountId: "acc_u_max" });
  });

  it("throttles an address after its burst of failures, whatever the account", async () => {
    const db = database.db;
    for (let i = 0; i < SIGN_IN_LIMITS.address.burst; i++) {
      await signInWithPassword(db, { email: `nobody-${i}@acme.example`, password: "x", address: "10.2.0.1" }, now);
    }
    expect(await signInWithPassword(db, { email: "gina@globex.example", password: "demo-password-gina", address: "10.2.0.1" }, now)).toEqual({
      ok: false,
      reason: "throttled",
    });
    expect((await signInWithPassword(db, { email: "gina@globex.example", password: "demo-password-gina", address: "10.2.0.2" }, now)).ok).toBe(true);
  });

  it("takes the account's token before checking the password: 60 parallel attempts get at most its burst checked", async () => {
    const db = database.db;
    const at = new Date(now.getTime() + 10 * 60_000);
    const attempts = Array.from({ length: 60 }, (_, i) =>
      signInWithPassword(db, { email: "sam@support.example", password: i === 59 ? "demo-password-sam" : `guess-${i}`, address: `10.5.${i}.1` }, at),
    );
    const results = await Promise.all(attempts);
    const checked = results.filter((result) => result.ok || result.reason === "invalid");
    expect(checked.length).toBeLessThanOrEqual(SIGN_IN_LIMITS.account.burst);
    expect(results.filter((result) => !result.ok && result.reason === "throttled").length).toBeGreaterThanOrEqual(60 - SIGN_IN_LIMITS.account.burst);
  });

  it("refuses a disabled user's account even with the right password", async () => {
    const db = database.db;
    await db.update(users).set({ active: false }).where(eq(users.id, "u_ada"));
    try {
      expect(await signInWithPassword(db, { email: "ada@acme.example", password: "demo-password-ada", address: "10.9.0.1" }, now)).toEqual({
        ok: false,
        reason: "invalid",
      });
    } finally {
      await db.update(users).set({ active: true }).where(eq(users.id, "u_ada"));
    }
  });
});

describe("the dashboard's console key", () => {
  const limit = { perSecond: 50, burst: 200 };
  const asConsole = (token: string, at: Date) => authenticate(database.db, { authorization: `Bearer ${token}`, onBehalfOf: null }, at, limit);

  it("is made per instance: a second instance's key leaves the first one working", async () => {
    const first = await issueConsoleKey(database.db, now);
    const second = await issueConsoleKey(database.db, now);
    expect(first.id).not.toBe(second.id);
    expect((await asConsole(first.token, now)).principal).toMatchObject({ type: "console", keyId: first.id });
    expect((await asConsole(second.token, now)).principal).toMatchObject({ type: "console", keyId: second.id });
    const [stored] = await database.db.select({ hash: apiKeys.tokenHash }).from(apiKeys).where(eq(apiKeys.id, first.id));
    expect(stored!.hash).not.toContain(first.token);
    expect(first.id.startsWith(CONSOLE_KEY_PREFIX)).toBe(true);
  });

  it("lapses unless renewed; a lapsed key cannot be renewed and is refused", async () => {
    const kept = await issueConsoleKey(database.db, now);
    const left = await issueConsoleKey(database.db, now);
    const halfway = new Date(now.getTime() + CONSOLE_KEY_TTL_MS / 2);
    expect(await renewConsoleKey(database.db, kept.id, halfway)).toBe(true);
    const afterFirstTtl = new Date(now.getTime() + CONSOLE_KEY_TTL_MS + 1);
    expect((await asConsole(kept.token, afterFirstTtl)).principal).toMatchObject({ keyId: kept.id });
    await expect(asConsole(left.token, afterFirstTtl)).rejects.toMatchObject({ name: "UNAUTHORIZED", description: "The API key has expired." });
    expect(await renewConsoleKey(database.db, left.id, afterFirstTtl)).toBe(false);
    const live = await database.db
      .select({ id: apiKeys.id })
      .from(apiKeys)
      .where(and(like(apiKeys.id, `${CONSOLE_KEY_PREFIX}%`), isNull(apiKeys.revokedAt)));
    expect(live.map((key) => key.id)).toEqual(expect.arrayContaining([kept.id, left.id]));
  });
});

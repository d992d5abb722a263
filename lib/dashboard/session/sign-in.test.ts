import { and, eq, isNull, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/api/authenticate";
import { apiKeys } from "@/lib/db/schema";
import demoData from "@/lib/demo/demo-data.json";
import { provision } from "@/lib/provision/load";
import { FixedClock } from "@/lib/clock";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { CONSOLE_KEY_PREFIX, issueConsoleKey } from "@/lib/dashboard/store";
import { SIGN_IN_LIMITS, clientAddress, signInWithPassword } from "@/lib/dashboard/session/sign-in";

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

  it("takes the address the nearest proxy saw", () => {
    expect(clientAddress({ "x-forwarded-for": "1.1.1.1, 2.2.2.2" })).toBe("2.2.2.2");
    expect(clientAddress({})).toBe("unknown");
  });
});

describe("the dashboard's console key", () => {
  it("is made at each start, works as a console principal, and revokes the one made before", async () => {
    const db = database.db;
    const first = await issueConsoleKey(db, now);
    const second = await issueConsoleKey(db, now);
    expect(first).not.toBe(second);
    const limit = { perSecond: 50, burst: 200 };
    await expect(authenticate(db, { authorization: `Bearer ${first}`, onBehalfOf: null }, now, limit)).rejects.toMatchObject({ name: "UNAUTHORIZED" });
    expect((await authenticate(db, { authorization: `Bearer ${second}`, onBehalfOf: null }, now, limit)).principal).toMatchObject({ type: "console" });
    const live = await db
      .select({ id: apiKeys.id })
      .from(apiKeys)
      .where(and(like(apiKeys.id, `${CONSOLE_KEY_PREFIX}%`), isNull(apiKeys.revokedAt)));
    expect(live).toHaveLength(1);
    const [stored] = await db.select({ hash: apiKeys.tokenHash }).from(apiKeys).where(eq(apiKeys.id, live[0]!.id));
    expect(stored!.hash).not.toContain(second);
  });
});

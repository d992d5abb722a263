import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FixedClock } from "@/lib/clock";
import { accounts, users } from "@/lib/db/schema";
import demoData from "@/lib/demo/demo-data.json";
import { provision } from "@/lib/provision/load";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { endAllSessions, loadPerson, revokeSession, sessionVersionOf } from "@/lib/dashboard/store";

let database: TestDatabase;
const clock = new FixedClock(new Date("2026-03-01T10:00:00.000Z"));

beforeAll(async () => {
  database = await openTestDatabase();
  await provision(database.db, demoData, clock);
});
afterAll(async () => {
  await database?.close();
});

describe("dashboard sessions are revoked on the server", () => {
  const signedIn = async (accountId: string, sessionId: string) => ({
    accountId,
    sessionId,
    sessionVersion: (await sessionVersionOf(database.db, accountId))!,
  });

  it("a signed-out session is refused, and the person's other sessions are not", async () => {
    const phone = await signedIn("acc_u_ada", "s-phone");
    const laptop = await signedIn("acc_u_ada", "s-laptop");
    expect(await loadPerson(database.db, phone)).toMatchObject({ accountId: "acc_u_ada", kind: "org_admin" });
    await revokeSession(database.db, { sessionId: "s-phone", expiresAt: new Date(clock.now().getTime() + 3_600_000) });
    expect(await loadPerson(database.db, phone)).toBeNull();
    expect(await loadPerson(database.db, laptop)).not.toBeNull();
  });

  it("sign out everywhere ends every session of the account, and only of that account", async () => {
    const ada = await signedIn("acc_u_ada", "s-ada");
    const gina = await signedIn("acc_u_gina", "s-gina");
    await endAllSessions(database.db, "acc_u_ada");
    expect(await loadPerson(database.db, ada)).toBeNull();
    expect(await loadPerson(database.db, gina)).not.toBeNull();
    expect(await loadPerson(database.db, await signedIn("acc_u_ada", "s-ada-again"))).not.toBeNull();
  });

  it("a new password ends the account's sessions, whatever changed it; the same password again does not", async () => {
    const before = await signedIn("acc_u_gina", "s-gina-2");
    await provision(database.db, demoData, clock);
    expect(await loadPerson(database.db, before)).not.toBeNull();
    await database.db.update(accounts).set({ passwordHash: "scrypt$changed" }).where(eq(accounts.id, "acc_u_gina"));
    expect(await loadPerson(database.db, before)).toBeNull();
  });

  it("disabling the user ends its sessions, and enabling it again does not bring them back", async () => {
    const max = await signedIn("acc_u_max", "s-max");
    await database.db.update(users).set({ active: false }).where(eq(users.id, "u_max"));
    await database.db.update(users).set({ active: true }).where(eq(users.id, "u_max"));
    expect(await loadPerson(database.db, max)).toBeNull();
  });
});

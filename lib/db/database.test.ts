import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { FixedClock } from "@/lib/clock";
import { chatrooms } from "@/lib/db/schema";
import { pgConstraintName, pgErrorCode } from "@/lib/db/sql";
import { provision, ProvisionError } from "@/lib/provision/load";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { fixture } from "@/lib/testing/fixture";
import { adminUrl, dropDatabase, withDatabase } from "@/lib/testing/postgres";
import { snapshotTables } from "@/lib/testing/snapshot";
import { checkReadiness } from "./health";
import { openDatabase } from "./client";
import { acquireDirectoryLock, DatabaseLockedError } from "./pglite-lock";

const clock = new FixedClock(new Date("2026-01-01T00:00:00.000Z"));

describe("migrations", () => {
  it("apply on an empty PGlite and leave it ready", { timeout: 180_000 }, async () => {
    const database = await openDatabase({ kind: "pglite-memory" });
    const readiness = await checkReadiness(database.db);
    expect(readiness).toMatchObject({ ready: true, appliedMigrations: readiness.expectedMigrations });
    await database.close();
  });

  it.runIf(inject("postgresUrl"))("apply on an empty PostgreSQL database and leave it ready", async () => {
    const pg = await import("pg");
    const name = `switchboard_empty_${Date.now()}`;
    const admin = new pg.default.Client({ connectionString: adminUrl(inject("postgresUrl")) });
    await admin.connect();
    await admin.query(`create database ${name}`);
    try {
      const database = await openDatabase({ kind: "postgres", url: withDatabase(inject("postgresUrl"), name) });
      const readiness = await checkReadiness(database.db);
      expect(readiness).toMatchObject({ ready: true, appliedMigrations: readiness.expectedMigrations });
      await database.close();
    } finally {
      await dropDatabase(admin, name);
      await admin.end();
    }
  });
});

describe("database invariants", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
    await provision(database.db, fixture, clock);
  });
  afterAll(() => database.close());

  const room = (id: string, contactId: string, remotePhoneId: string, phoneNumber: string) => ({
    id,
    orgId: "org_a",
    contactId,
    remotePhoneId,
    phoneNumber,
    displayName: id,
    displayNameDerived: false,
    externalRefId: `!${id}:matrix.a.example`,
    historyVisibility: "shared" as const,
    createdAt: clock.now(),
    lastActivityAt: clock.now(),
    expiryTs: new Date(clock.now().getTime() + 86_400_000),
    inactivityDeadline: new Date(clock.now().getTime() + 86_400_000),
  });

  async function insertError(values: ReturnType<typeof room>): Promise<unknown> {
    try {
      await database.db.insert(chatrooms).values(values);
      return undefined;
    } catch (error) {
      return error;
    }
  }

  it("I1: a second open chatroom for one number on one WABA phone is refused by the database", async () => {
    expect(await insertError(room("cr_i1_a", "c_1", "ph_a1", "+911111111111"))).toBeUndefined();
    const error = await insertError(room("cr_i1_b", "c_2", "ph_a1", "+911111111111"));
    expect(pgErrorCode(error)).toBe("23505");
    expect(pgConstraintName(error)).toBe("chatrooms_open_per_phone_idx");
    // The same number on another WABA phone is allowed (I1 is per phone).
    expect(await insertError(room("cr_i1_c", "c_2", "ph_a2", "+911111111111"))).toBeUndefined();
  });

  it("I2: a second open chatroom for one contact is refused by the database", async () => {
    expect(await insertError(room("cr_i2_a", "c_3", "ph_a1", "+912222222222"))).toBeUndefined();
    const error = await insertError(room("cr_i2_b", "c_3", "ph_a3", "+912222222222"));
    expect(pgErrorCode(error)).toBe("23505");
    expect(pgConstraintName(error)).toBe("chatrooms_open_per_contact_idx");
  });

  it("I2: a contact has at most one contact-waba mapping (primary key)", async () => {
    await database.db.execute(sql`insert into contact_waba_mappings (contact_id, org_id, remote_phone_id) values ('c_4', 'org_a', 'ph_a1')`);
    const error = await database.db
      .execute(sql`insert into contact_waba_mappings (contact_id, org_id, remote_phone_id) values ('c_4', 'org_a', 'ph_a2')`)
      .catch((caught: unknown) => caught);
    expect(pgErrorCode(error)).toBe("23505");
  });

  it("a chatroom cannot point at another org's contact", async () => {
    const error = await insertError({ ...room("cr_cross", "c_b1", "ph_a1", "+919999999999") });
    expect(pgErrorCode(error)).toBe("23503");
  });

  it("R24: audit events are append-only", async () => {
    await database.db.execute(
      sql`insert into audit_events (org_id, action, actor_type, changes, at) values ('org_a', 'test', 'system', '{}', now())`,
    );
    const update = await database.db.execute(sql`update audit_events set action = 'changed'`).catch((caught: unknown) => caught);
    expect(pgErrorCode(update)).toBe("42501");
    const remove = await database.db.execute(sql`delete from audit_events`).catch((caught: unknown) => caught);
    expect(pgErrorCode(remove)).toBe("42501");
  });
});

describe("provisioning", () => {
  let database: TestDatabase;
  // The fixture is loaded before any test, so that each one (in any order, or alone) finds its orgs.
  beforeAll(async () => {
    database = await openTestDatabase();
    await provision(database.db, fixture, clock);
  });
  afterAll(() => database.close());

  it("loads a file, and loading it again changes nothing", async () => {
    const first = await provision(database.db, fixture, clock);
    expect(first).toMatchObject({ orgs: 3, contacts: 6, apiKeys: 8, generatedTokens: [] });
    const before = await snapshotTables(database.db, { includeBookkeeping: true });
    await provision(database.db, fixture, clock);
    expect(await snapshotTables(database.db, { includeBookkeeping: true })).toEqual(before);
  });

  it("stores only hashes of passwords and tokens, and prints a generated token once", async () => {
    const file = {
      orgs: [{ ...fixture.orgs[0]!, users: [{ id: "u_admin_a", email: "admin@a.example", name: "Admin A", role: "ADMIN", password: "correct horse battery" }] }],
      api_keys: [{ id: "k_generated", console: true }],
    };
    const result = await provision(database.db, file, clock);
    expect(result.generatedTokens).toHaveLength(1);
    const token = result.generatedTokens[0]!.token;
    const dump = JSON.stringify(await snapshotTables(database.db, { includeBookkeeping: true }));
    expect(dump).not.toContain("correct horse battery");
    expect(dump).not.toContain(token);
    expect(dump).not.toContain(fixture.api_keys[0]!.token);
    // A second load keeps the key (no new token) and the password hash (same password).
    const before = await snapshotTables(database.db, { includeBookkeeping: true });
    expect((await provision(database.db, file, clock)).generatedTokens).toEqual([]);
    expect(await snapshotTables(database.db, { includeBookkeeping: true })).toEqual(before);
  });

  it("lists every problem of a bad file with its JSON path, and writes nothing", async () => {
    const before = await snapshotTables(database.db, { includeBookkeeping: true });
    const bad = {
      orgs: [
        {
          id: "org_new",
          name: "New",
          config: { inactivity_days: 0 },
          users: [{ id: "u_x", email: "not-an-email", name: "X", role: "OWNER" }],
          groups: [{ id: "g_x", name: "G", members: ["u_missing"] }],
          contacts: [{ id: "c_x", crm_id: "A", phone_number: "12345", first_name: "Bad*Name" }],
        },
      ],
      api_keys: [{ id: "k_x", token: "short", user: "u_x", console: true }],
      unexpected: true,
    };
    const error = await provision(database.db, bad, clock).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProvisionError);
    const paths = (error as ProvisionError).problems.map((problem) => problem.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "$.orgs[0].config.inactivity_days",
        "$.orgs[0].users[0].email",
        "$.orgs[0].users[0].role",
        "$.orgs[0].contacts[0].phone_number",
        "$.orgs[0].contacts[0].first_name",
        "$.api_keys[0].token",
        "$.api_keys[0]",
        "$",
      ]),
    );
    expect(await snapshotTables(database.db, { includeBookkeeping: true })).toEqual(before);
  });

  it("refuses references it cannot resolve and ids owned by another org, writing nothing", async () => {
    const before = await snapshotTables(database.db, { includeBookkeeping: true });
    const file = {
      orgs: [
        { id: "org_new", name: "New", users: [{ id: "u_admin_b", email: "b@new.example", name: "Taken", role: "ADMIN" }], groups: [{ id: "g_y", name: "G", members: ["u_nobody"] }] },
      ],
      partners: [{ id: "p_new", name: "P", orgs: ["org_missing"] }],
      api_keys: [{ id: "k_new", user: "u_missing" }],
    };
    const error = (await provision(database.db, file, clock).catch((caught: unknown) => caught)) as ProvisionError;
    expect(error.problems.map((problem) => problem.path).sort()).toEqual(
      ["$.api_keys[0].user", "$.orgs[0].groups[0].members[0]", "$.orgs[0].users[0].id", "$.partners[0].orgs[0]"].sort(),
    );
    expect(await snapshotTables(database.db, { includeBookkeeping: true })).toEqual(before);
  });
});

describe("the embedded database directory", () => {
  // A second CLI process opening an embedded database: seconds on an idle machine, a minute when it is busy.
  it("refuses a second process while one holds it, and stays usable", { timeout: 240_000 }, async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-lock-")), "pglite");
    const database = await openDatabase({ kind: "pglite", dir });
    try {
      expect(() => acquireDirectoryLock(dir)).toThrow(DatabaseLockedError);
      const second = spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/migrate.mts"], {
        env: { ...process.env, PGLITE_DIR: dir, DATABASE_URL: "" },
        encoding: "utf8",
      });
      expect(second.status).toBe(1);
      expect(second.stderr).toContain("is in use by another process");
      expect(second.stderr).not.toContain("    at ");
      expect(await checkReadiness(database.db)).toMatchObject({ ready: true });
    } finally {
      await database.close();
    }
    // Released on close: the directory opens again, intact.
    const reopened = await openDatabase({ kind: "pglite", dir });
    expect(await checkReadiness(reopened.db)).toMatchObject({ ready: true });
    await reopened.close();
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });
});

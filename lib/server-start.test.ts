import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { setAppDatabase } from "@/lib/db";
import demoData from "@/lib/demo/demo-data.json";
import { FixedClock } from "@/lib/clock";
import { provision } from "@/lib/provision/load";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { fixture } from "@/lib/testing/fixture";
import { startServer } from "./server-start";

describe("the start-up banner", () => {
  let database: TestDatabase;
  const saved = process.env.PROVISION_DEMO_WHEN_EMPTY;
  beforeAll(() => {
    // Read once by env() in this file's own module instances.
    process.env.PROVISION_DEMO_WHEN_EMPTY = "1";
  });
  afterAll(() => {
    process.env.PROVISION_DEMO_WHEN_EMPTY = saved;
  });
  // A database per test: what one test provisions must not decide what another's banner says.
  beforeEach(async () => {
    database = await openTestDatabase();
    setAppDatabase(database);
  });
  afterEach(async () => {
    await database?.close();
  });

  const banner = async () => {
    const print = vi.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      await startServer();
      return print.mock.calls.map((call) => String(call[0])).join("\n");
    } finally {
      print.mockRestore();
    }
  };

  it("on a database that holds other orgs, prints no demo sign-ins or keys, which would not work", async () => {
    await provision(database.db, fixture, new FixedClock(new Date()));
    const printed = await banner();
    expect(printed).toContain("Switchboard is ready");
    expect(printed).not.toMatch(/Demo sign-ins|Demo API keys|demo-password|demo-token/);
  });

  it("prints those that work once the demo data is there", async () => {
    await provision(database.db, demoData, new FixedClock(new Date()));
    const printed = await banner();
    expect(printed).toContain("ada@acme.example");
    expect(printed).toContain("demo-token-ada-admin-acme-0000000000");
  });
});

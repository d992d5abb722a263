import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { FixedClock } from "@/lib/clock";
import demoData from "@/lib/demo/demo-data.json";
import { provision } from "@/lib/provision/load";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/database";
import {
  createSavedView,
  deleteSavedView,
  listSavedViews,
  MAX_SAVED_VIEWS,
  renameSavedView,
} from "@/lib/dashboard/store";

let database: TestDatabase;
const clock = new FixedClock(new Date("2026-03-01T10:00:00.000Z"));
const onPostgres = Boolean(inject("postgresUrl"));

beforeAll(async () => {
  database = await openTestDatabase();
  await provision(database.db, demoData, clock);
});
afterAll(async () => {
  await database?.close();
});

const ada = { accountId: "acc_u_ada", orgId: "org_acme" };
const gina = { accountId: "acc_u_gina", orgId: "org_acme" };

describe("saved views of the chatroom list", () => {
  it("are kept per person and org, listed by name", async () => {
    const owner = { accountId: "acc_u_ada", orgId: "org_listing" };
    await createSavedView(database.db, { ...owner, name: "zeta", query: "status=active", now: clock.now() });
    await createSavedView(database.db, { ...owner, name: "Alpha", query: "sort=expiry", now: clock.now() });
    await createSavedView(database.db, {
      accountId: "acc_u_gina",
      orgId: "org_listing",
      name: "Gina's",
      query: "q=x",
      now: clock.now(),
    });
    await createSavedView(database.db, {
      accountId: "acc_u_ada",
      orgId: "org_other",
      name: "Elsewhere",
      query: "q=y",
      now: clock.now(),
    });
    expect((await listSavedViews(database.db, owner)).map(({ name, query }) => ({ name, query }))).toEqual([
      { name: "Alpha", query: "sort=expiry" },
      { name: "zeta", query: "status=active" },
    ]);
  });

  it("a name is unique per person and org whatever its case; another person or org may reuse it", async () => {
    const first = await createSavedView(database.db, {
      ...ada,
      name: "Mine",
      query: "status=active",
      now: clock.now(),
    });
    expect(first.ok).toBe(true);
    expect(
      await createSavedView(database.db, { ...ada, name: "MINE", query: "status=expired", now: clock.now() }),
    ).toEqual({ ok: false, reason: "name_taken" });
    expect(
      (await createSavedView(database.db, { ...gina, name: "Mine", query: "status=expired", now: clock.now() })).ok,
    ).toBe(true);
    expect(
      (await createSavedView(database.db, { ...ada, orgId: "org_globex", name: "Mine", query: "", now: clock.now() }))
        .ok,
    ).toBe(true);
  });

  it("rename keeps the query, refuses a name the person already uses, and never reaches another person's view", async () => {
    const kept = await createSavedView(database.db, { ...ada, name: "Kept", query: "sort=activity", now: clock.now() });
    const other = await createSavedView(database.db, {
      ...ada,
      name: "Other",
      query: "status=active",
      now: clock.now(),
    });
    if (!kept.ok || !other.ok) throw new Error("setup failed");
    const id = Number(kept.view.id);
    expect(await renameSavedView(database.db, { ...ada, id, name: "Renamed", now: clock.now() })).toEqual({
      ok: true,
      view: { id: kept.view.id, name: "Renamed", query: "sort=activity" },
    });
    expect(await renameSavedView(database.db, { ...ada, id, name: "other", now: clock.now() })).toEqual({
      ok: false,
      reason: "name_taken",
    });
    expect(await renameSavedView(database.db, { ...gina, id, name: "Stolen", now: clock.now() })).toEqual({
      ok: false,
      reason: "not_found",
    });
    expect(
      await renameSavedView(database.db, { ...ada, orgId: "org_globex", id, name: "Moved", now: clock.now() }),
    ).toEqual({ ok: false, reason: "not_found" });
    expect((await listSavedViews(database.db, ada)).find((view) => view.id === kept.view.id)?.name).toBe("Renamed");
  });

  it("delete removes the person's own view only", async () => {
    const created = await createSavedView(database.db, { ...ada, name: "Short-lived", query: "", now: clock.now() });
    if (!created.ok) throw new Error("setup failed");
    const id = Number(created.view.id);
    expect(await deleteSavedView(database.db, { ...gina, id })).toBe(false);
    expect((await listSavedViews(database.db, ada)).some((view) => view.id === created.view.id)).toBe(true);
    expect(await deleteSavedView(database.db, { ...ada, id })).toBe(true);
    expect(await deleteSavedView(database.db, { ...ada, id })).toBe(false);
    expect((await listSavedViews(database.db, ada)).some((view) => view.id === created.view.id)).toBe(false);
  });

  it("the database refuses a blank or padded name, whatever the caller checked", async () => {
    await expect(
      createSavedView(database.db, { ...ada, name: " padded ", query: "", now: clock.now() }),
    ).rejects.toThrow();
    await expect(createSavedView(database.db, { ...ada, name: "", query: "", now: clock.now() })).rejects.toThrow();
  });

  it(`a person keeps at most ${MAX_SAVED_VIEWS} views per org`, async () => {
    const owner = { accountId: "acc_u_max", orgId: "org_acme" };
    for (let index = 0; index < MAX_SAVED_VIEWS; index += 1) {
      expect(
        (await createSavedView(database.db, { ...owner, name: `View ${index}`, query: "", now: clock.now() })).ok,
      ).toBe(true);
    }
    expect(await createSavedView(database.db, { ...owner, name: "One more", query: "", now: clock.now() })).toEqual({
      ok: false,
      reason: "too_many",
    });
  });

  it.skipIf(!onPostgres)(
    `${MAX_SAVED_VIEWS + 20} saves at once keep exactly ${MAX_SAVED_VIEWS} (PostgreSQL only: PGlite runs every transaction on one connection, so a missing lock could not show)`,
    async () => {
      const owner = { accountId: "acc_u_ada", orgId: "org_concurrent" };
      const results = await Promise.all(
        Array.from({ length: MAX_SAVED_VIEWS + 20 }, (_, index) =>
          createSavedView(database.db, { ...owner, name: `Race ${index}`, query: "", now: clock.now() }),
        ),
      );
      expect(results.filter((result) => result.ok)).toHaveLength(MAX_SAVED_VIEWS);
      expect(await listSavedViews(database.db, owner)).toHaveLength(MAX_SAVED_VIEWS);
    },
  );
});

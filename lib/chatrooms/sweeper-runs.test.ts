import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { noteDatabaseReachable } from "@/lib/db/availability";
import type { Db } from "@/lib/db/client";
import { auditEvents, chatrooms } from "@/lib/db/schema";
import { useTestApp, type TestApp } from "@/lib/testing/app";
import { createRoom, DAY, newContact } from "@/lib/testing/helpers";
import { captureLogs } from "@/lib/testing/logs";
import type { Services } from "@/lib/services";
import { purgeBookkeeping } from "@/lib/bookkeeping/purge";
import { purgeOldEvents } from "@/lib/events/retention";
import { startSweeper, sweepLapsedChatrooms } from "./sweeper";

/**
 * How the sweeper runs: its batches, its retries of a batch that deadlocked, and what the server's own
 * sweeper logs. The database is this file's alone, and every test first writes out everything overdue far
 * ahead, so the counts are exact.
 */
// Before the describes: every line of the file is captured (the requests' too) and kept from the test output.
const logs = captureLogs({ echo: false });
const logged = logs.lines;

describe("the sweeper's batches and retries (R4)", () => {
  const app = useTestApp();
  const services = (db: Db = app.database.db) => ({ db, clock: app.clock });

  /** Moves past every deadline of what is there and closes it all, then makes `count` rooms that lapse in 7 days. */
  async function overdueRooms(app: TestApp, count: number): Promise<string[]> {
    app.clock.advance(400 * DAY);
    await sweepLapsedChatrooms(services());
    const ids = [];
    for (let i = 0; i < count; i++) ids.push((await createRoom(app, { lead_id: (await newContact(app)).id })).body.chatroom_id as string);
    app.clock.advance(8 * DAY);
    return ids;
  }

  const closedOnce = async (ids: string[]) => {
    const rooms = await app.database.db.select().from(chatrooms).where(inArray(chatrooms.id, ids));
    const events = await app.database.db
      .select()
      .from(auditEvents)
      .where(and(inArray(auditEvents.chatroomId, ids), eq(auditEvents.action, "chatroom.deactivated")));
    return { inactive: rooms.filter((room) => room.deactivationReason === "INACTIVITY").length, events: events.length };
  };

  it("R4: runs batches until one comes back short of the batch size, and counts what each closed", async () => {
    let ids = await overdueRooms(app, 3);
    expect(await sweepLapsedChatrooms(services(), { batchSize: 1 })).toEqual({ closed: 3, batches: 4 });
    expect(await closedOnce(ids)).toEqual({ inactive: 3, events: 3 });

    ids = await overdueRooms(app, 3);
    expect(await sweepLapsedChatrooms(services(), { batchSize: 3 })).toEqual({ closed: 3, batches: 2 });
    ids = await overdueRooms(app, 3);
    expect(await sweepLapsedChatrooms(services(), { batchSize: 4 })).toEqual({ closed: 3, batches: 1 });
    expect(await sweepLapsedChatrooms(services())).toEqual({ closed: 0, batches: 1 });
    expect(await closedOnce(ids)).toEqual({ inactive: 3, events: 3 });
  });

  /** The database, whose next `failures` transactions do their work, then fail with `code` and roll back. */
  function failingAfterWork(db: Db, code: string, failures: number): { db: Db; attempts: () => number } {
    let attempts = 0;
    const wrapped = new Proxy(db, {
      get(target, property, receiver) {
        if (property !== "transaction") return Reflect.get(target, property, receiver);
        return (work: (tx: Db) => Promise<unknown>) =>
          target.transaction(async (tx) => {
            attempts += 1;
            const result = await work(tx);
            if (attempts <= failures) throw Object.assign(new Error("injected failure"), { code });
            return result;
          });
      },
    });
    return { db: wrapped, attempts: () => attempts };
  }

  it("R4: a batch that deadlocks or fails to serialize rolls back whole and runs again, up to 3 times: each room closed once", async () => {
    for (const code of ["40P01", "40001"]) {
      const ids = await overdueRooms(app, 2);
      const failing = failingAfterWork(app.database.db, code, 3);
      expect(await sweepLapsedChatrooms(services(failing.db))).toEqual({ closed: 2, batches: 1 });
      expect(failing.attempts(), code).toBe(4);
      expect(await closedOnce(ids)).toEqual({ inactive: 2, events: 2 });
    }
  });

  it("R4: a fourth deadlock in a row, or any other error at once, fails the sweep and closes nothing", async () => {
    const ids = await overdueRooms(app, 2);
    const deadlocking = failingAfterWork(app.database.db, "40P01", 4);
    await expect(sweepLapsedChatrooms(services(deadlocking.db))).rejects.toMatchObject({ code: "40P01" });
    expect(deadlocking.attempts()).toBe(4);
    const violating = failingAfterWork(app.database.db, "23505", 1);
    await expect(sweepLapsedChatrooms(services(violating.db))).rejects.toMatchObject({ code: "23505" });
    expect(violating.attempts()).toBe(1);
    expect(await closedOnce(ids)).toEqual({ inactive: 0, events: 0 });
  });
});

describe("the server's own sweeper", () => {
  const app = useTestApp();
  const sweeps = () => logged.filter((line) => line.message === "sweep" || line.message === "sweep failed");

  const options = { intervalMs: 20, conflictRetentionDays: 90, eventRetentionDays: 30 };
  const services = () => ({ db: app.database.db, clock: app.clock });

  /** Runs the server's sweeper until it logs a line (or, `quiet`, for 200 ms), then the lines it logged. */
  async function sweeperRun(getServices: () => Promise<Services>, until: "line" | "quiet") {
    logged.length = 0;
    const stop = startSweeper(getServices, options);
    try {
      if (until === "line") await vi.waitFor(() => expect(sweeps().length).toBeGreaterThan(0), { timeout: 10_000, interval: 20 });
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      stop();
    }
    return sweeps();
  }

  it("R4: logs each sweep that closed or purged something, with its counts, and is quiet when there was nothing", async () => {
    app.clock.advance(400 * DAY);
    await sweepLapsedChatrooms(services());
    await purgeBookkeeping(services(), { conflictRetentionDays: options.conflictRetentionDays });
    await purgeOldEvents(services(), { retentionDays: options.eventRetentionDays });
    expect(await sweeperRun(async () => services(), "quiet")).toEqual([]);

    for (let i = 0; i < 2; i++) await createRoom(app, { lead_id: (await newContact(app)).id });
    app.clock.advance(8 * DAY);
    const before = performance.now();
    const closing = await sweeperRun(async () => services(), "line");
    const elapsed = performance.now() - before;
    expect(closing).toHaveLength(1);
    expect(closing[0]).toMatchObject({ stream: "stdout", level: "info", message: "sweep", closed: 2, batches: 1 });
    expect(closing[0]!.duration_ms).toBeGreaterThanOrEqual(0);
    expect(closing[0]!.duration_ms).toBeLessThanOrEqual(Math.ceil(elapsed));

    // A request fills a rate-limit bucket; a day later the bucket is full again and purged, and only that.
    expect((await app.call("GET", "/v1/orgs")).status).toBe(200);
    app.clock.advance(DAY);
    const purging = await sweeperRun(async () => services(), "line");
    expect(purging).toHaveLength(1);
    expect(purging[0]).toMatchObject({ message: "sweep", closed: 0, batches: 1 });
    expect(Object.values(purging[0]!.purged as Record<string, number>).some((count) => count > 0)).toBe(true);
  });

  it("R4: a sweep that fails is logged as an error; one that cannot reach the database is an outage, not an error", async () => {
    const failed = await sweeperRun(async () => Promise.reject(new Error("broken services")), "line");
    expect(failed[0]).toMatchObject({ stream: "stderr", level: "error", message: "sweep failed", error: "broken services" });

    // The outage is the process's (lib/db/availability.ts): this one starts from none and ends its own.
    noteDatabaseReachable();
    let attempts = 0;
    const unreachable = await sweeperRun(async () => {
      attempts += 1;
      throw Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    }, "quiet");
    expect(attempts).toBeGreaterThan(2);
    expect(unreachable).toEqual([]);
    expect(logged.filter((line) => line.message === "database unreachable")).toHaveLength(1);
    noteDatabaseReachable();
  });

  it("R4: never runs two sweeps at once, however short its interval", async () => {
    let running = 0;
    let most = 0;
    let started = 0;
    const stop = startSweeper(async () => {
      started += 1;
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 100));
      running -= 1;
      throw new Error("done");
    }, { ...options, intervalMs: 5 });
    try {
      await vi.waitFor(() => expect(started).toBeGreaterThanOrEqual(3), { timeout: 10_000, interval: 20 });
    } finally {
      stop();
    }
    expect(most).toBe(1);
  });
});

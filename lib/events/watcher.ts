import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { events } from "@/lib/db/schema";
import { rowsOf } from "@/lib/db/sql";
import { visibleHorizon } from "./read";

/**
 * How often a process asks the database which orgs have events that became visible. Polling, not
 * LISTEN/NOTIFY: a NOTIFY serializes the commits of every writer on a global lock, which would cap the
 * create rate; one indexed query per process every 100 ms costs nothing beside it, and works on PGlite and
 * across instances alike.
 */
const POLL_INTERVAL_MS = 100;

interface Waiter {
  orgId: string | null;
  woken: boolean;
  wake(): void;
}

/** A wake-up armed before a read, so that events that become visible during the read still wake it. */
interface ArmedWake {
  /** Resolves when the org has new visible events (at once if it had since arming), on timeout or on abort. */
  wait(timeoutMs: number, signal?: AbortSignal): Promise<void>;
  cancel(): void;
}

class EventWatcher {
  private readonly waiters = new Set<Waiter>();
  /** The horizon of the last poll: events below it were visible then. Undefined until the first poll. */
  private horizon: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(private readonly db: Db) {}

  arm(orgId: string | null): ArmedWake {
    let resolveWait: (() => void) | undefined;
    const waiter: Waiter = {
      orgId,
      woken: false,
      wake: () => {
        waiter.woken = true;
        resolveWait?.();
      },
    };
    this.waiters.add(waiter);
    this.start();
    return {
      wait: (timeoutMs, signal) =>
        new Promise<void>((resolve) => {
          if (waiter.woken || signal?.aborted) return resolve();
          const finish = () => {
            clearTimeout(timer);
            signal?.removeEventListener("abort", finish);
            resolve();
          };
          const timer = setTimeout(finish, timeoutMs);
          signal?.addEventListener("abort", finish, { once: true });
          resolveWait = finish;
        }),
      cancel: () => {
        this.waiters.delete(waiter);
      },
    };
  }

  /** Runs for the life of the process once someone has waited; it queries only while someone waits. */
  private start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.poll(), POLL_INTERVAL_MS);
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    if (this.waiters.size === 0) {
      // Nobody to wake: the next poll starts from a fresh baseline rather than scan what passed meanwhile.
      this.horizon = undefined;
      return;
    }
    this.polling = true;
    try {
      const since = this.horizon;
      if (since === undefined) {
        const [row] = rowsOf<{ horizon: string | number }>(await this.db.execute(sql`select ${visibleHorizon} as horizon`));
        this.horizon = Number(row!.horizon);
        // Without a baseline nobody knows what became visible before it: everyone reads again once.
        for (const waiter of this.waiters) waiter.wake();
        return;
      }
      const [row] = rowsOf<{ horizon: string | number; orgs: string[] | null }>(
        await this.db.execute(sql`
          select h.horizon, (
            select json_agg(distinct ${events.orgId}) from ${events}
            where ${events.xact} >= ${since} and ${events.xact} < h.horizon
          ) as orgs
          from (select ${visibleHorizon} as horizon) h`),
      );
      this.horizon = Number(row!.horizon);
      const orgs = new Set(row!.orgs ?? []);
      if (orgs.size === 0) return;
      for (const waiter of this.waiters) {
        if (waiter.orgId === null || orgs.has(waiter.orgId)) waiter.wake();
      }
    } catch {
      // The database is away: waiters time out and read again, and their reads say what is wrong.
    } finally {
      this.polling = false;
    }
  }
}

const holderKey = Symbol.for("switchboard.events.watchers");
type Holder = { [holderKey]?: WeakMap<Db, EventWatcher> };

/** The process's watcher of this database, shared by every stream and the delivery worker. */
export function eventWatcher(db: Db): EventWatcher {
  const holder = globalThis as Holder;
  holder[holderKey] ??= new WeakMap();
  let watcher = holder[holderKey].get(db);
  if (!watcher) {
    watcher = new EventWatcher(db);
    holder[holderKey].set(db, watcher);
  }
  return watcher;
}

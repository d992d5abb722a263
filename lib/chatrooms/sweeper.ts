import { randomBytes } from "node:crypto";
import { purgeBookkeeping } from "@/lib/bookkeeping/purge";
import { isDatabaseUnreachable, noteDatabaseUnreachable } from "@/lib/db/availability";
import { pgErrorCode } from "@/lib/db/sql";
import { errorFields, log } from "@/lib/log";
import { purgeOldEvents } from "@/lib/events/retention";
import { closeLapsedChatrooms } from "./lapses";
import type { Services } from "@/lib/services";

const DEFAULT_SWEEP_BATCH_SIZE = 5_000;
/**
 * Inside the server a batch competes with requests; with PGlite it holds the only connection (measured:
 * about 75 ms for 500 rooms, 750 ms for 5 000), so the server's own sweeper takes small batches.
 */
const IN_PROCESS_SWEEP_BATCH_SIZE = 500;

/** Deadlock and serialization failures: the batch rolled back whole, so it can simply run again. */
const RETRYABLE = new Set(["40P01", "40001"]);

export interface SweepResult {
  closed: number;
  batches: number;
}

/**
 * R4, the sweeping side: closes every chatroom overdue at the clock, in batches of one transaction each
 * (one statement: lapses, cancelled pending assignments, system audit events dated at the deadlines).
 * Batches lock with SKIP LOCKED, so several sweepers and the API can run at once and each overdue chatroom
 * is closed exactly once, by whichever transaction locks it first.
 */
export async function sweepLapsedChatrooms(services: Services, options: { batchSize?: number } = {}): Promise<SweepResult> {
  const batchSize = options.batchSize ?? DEFAULT_SWEEP_BATCH_SIZE;
  const result: SweepResult = { closed: 0, batches: 0 };
  for (;;) {
    const closed = await closeBatch(services, batchSize);
    result.batches += 1;
    result.closed += closed;
    // Fewer than a full batch of either kind: nothing overdue is left that another transaction is not holding.
    if (closed < batchSize) return result;
  }
}

async function closeBatch(services: Services, batchSize: number): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    try {
      const requestId = `sweep_${randomBytes(10).toString("hex")}`;
      return await services.db.transaction(async (tx) => {
        const ids = await closeLapsedChatrooms(tx, { now: services.clock.now(), requestId, limit: batchSize });
        return ids.length;
      });
    } catch (error) {
      if (attempt < 3 && RETRYABLE.has(pgErrorCode(error) ?? "")) continue;
      throw error;
    }
  }
}

/**
 * Sweeps every `intervalMs` inside this process, never two sweeps at once: closes the overdue chatrooms,
 * then purges the bookkeeping nobody reads again. With the embedded database this is the only way to
 * sweep while the server runs. Returns a function that stops it.
 */
export function startSweeper(
  getServices: () => Promise<Services>,
  options: { intervalMs: number; conflictRetentionDays: number; eventRetentionDays: number },
): () => void {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    const started = performance.now();
    try {
      const services = await getServices();
      // Stryker disable next-line ObjectLiteral: batches of any size close the same rooms (sweeper-runs.test.ts counts them)
      const result = await sweepLapsedChatrooms(services, { batchSize: IN_PROCESS_SWEEP_BATCH_SIZE });
      const purged = {
        ...(await purgeBookkeeping(services, {
          conflictRetentionDays: options.conflictRetentionDays,
          batchSize: IN_PROCESS_SWEEP_BATCH_SIZE,
        })),
        ...(await purgeOldEvents(services, { retentionDays: options.eventRetentionDays })),
      };
      // Stryker disable next-line ConditionalExpression: closing rooms writes stats rows that this sweep folds (purged)
      if (result.closed > 0 || Object.values(purged).some((count) => count > 0)) {
        log("info", "sweep", {
          closed: result.closed,
          batches: result.batches,
          purged,
          duration_ms: Math.round(performance.now() - started),
        });
      }
    } catch (error) {
      if (isDatabaseUnreachable(error)) noteDatabaseUnreachable();
      else log("error", "sweep failed", errorFields(error));
    } finally {
      running = false;
    }
  }, options.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import { deactivateChatroomOutcome, reassignChatroomOutcome } from "@/lib/chatrooms/service";
import type { SkipReason } from "@/lib/chatrooms/decisions";
import type { Db } from "@/lib/db/client";
import { isDatabaseUnreachable, noteDatabaseUnreachable } from "@/lib/db/availability";
import { bulkJobResults, bulkJobs } from "@/lib/db/schema";
import { timestampParam } from "@/lib/db/sql";
import { ApiError } from "@/lib/errors";
import { errorFields, log } from "@/lib/log";
import type { Actor, RequestContext } from "@/lib/principals/actor";
import type { Services } from "@/lib/services";
import { bulkActionOf, type BulkAction } from "./jobs";
import type { CreateBulkBody } from "./schemas";
import { onBulkJobQueued } from "./wake";

/** Rooms per batch: one transaction, so no lock is held longer than this many single-room changes. */
const BULK_BATCH_SIZE = 200;
/**
 * A pause between batches, so that requests waiting for the database go first: PGlite has one connection,
 * which a runner taking batch after batch would otherwise keep.
 */
const PAUSE_BETWEEN_BATCHES_MS = 20;

interface RunnerOptions {
  batchSize?: number;
  pauseMs?: number;
}
/** A batch that fails this many times in a row (not for an outage) fails its job. */
const MAX_BATCH_FAILURES = 3;

type RoomResult = { outcome: "done" } | { outcome: "skipped" | "failed"; reason: string };

/** The single-room endpoints' refusals, as the skip reasons a dry run gives for them. */
function skipReasonOf(error: ApiError): SkipReason | null {
  if (error.name === "CHATROOM_EXPIRED") return "expired";
  if (error.name === "NO_ASSIGNABLE_USER") return "no_assignable_user";
  if (error.name === "CHATROOM_NOT_ACTIVE") return error.payload.status === "expired" ? "expired" : "deactivated";
  return null;
}

/**
 * One room through the function its single-room endpoint calls, inside the batch's transaction (that
 * function's own transaction becomes a savepoint, so a refusal undoes only its room). An error that is not
 * the API's fails the batch, which runs again.
 */
async function applyToRoom(services: Services, context: RequestContext, action: BulkAction, chatroomId: string): Promise<RoomResult> {
  try {
    const { decision } =
      action.action === "reassign"
        ? await reassignChatroomOutcome(services, context, { chatroomId, assignment: action.assignment })
        : await deactivateChatroomOutcome(services, context, { chatroomId, reason: action.reason });
    return decision.kind === "apply" ? { outcome: "done" } : { outcome: "skipped", reason: decision.reason };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const reason = skipReasonOf(error);
    return reason ? { outcome: "skipped", reason } : { outcome: "failed", reason: error.name };
  }
}

export interface BatchResult {
  bulkId: string;
  processed: number;
  status: "running" | "done";
}

/**
 * Runs the next batch of a queued or running job (the oldest one no other runner holds, or `bulkId`): its
 * row is locked with SKIP LOCKED, so two runners never work on one job at once; the rooms after its cursor,
 * their results, the counts and the cursor are written in the same transaction, so a crash loses or repeats
 * nothing. Null when there is no such job.
 */
export async function runBulkBatch(
  services: Services,
  options: { batchSize?: number; bulkId?: string } = {},
): Promise<BatchResult | null> {
  const batchSize = options.batchSize ?? BULK_BATCH_SIZE;
  return services.db.transaction(async (tx) => {
    const [job] = await tx
      .select()
      .from(bulkJobs)
      .where(and(inArray(bulkJobs.status, ["queued", "running"]), options.bulkId ? eq(bulkJobs.id, options.bulkId) : undefined))
      .orderBy(asc(bulkJobs.createdAt), asc(bulkJobs.id))
      .limit(1)
      .for("update", { skipLocked: true });
    if (!job) return null;
    const rooms = await tx
      .select({ chatroomId: bulkJobResults.chatroomId })
      .from(bulkJobResults)
      .where(and(eq(bulkJobResults.jobId, job.id), job.cursor === null ? undefined : gt(bulkJobResults.chatroomId, job.cursor)))
      .orderBy(asc(bulkJobResults.chatroomId))
      .limit(batchSize);

    const roomServices: Services = { db: tx as unknown as Db, clock: services.clock };
    const context: RequestContext = { orgId: job.orgId, actor: job.actor as unknown as Actor, requestId: job.requestId, note: job.note, bulkId: job.id };
    const action = bulkActionOf({ action: job.action, params: job.params } as CreateBulkBody);
    const results: (RoomResult & { chatroomId: string })[] = [];
    for (const room of rooms) results.push({ chatroomId: room.chatroomId, ...(await applyToRoom(roomServices, context, action, room.chatroomId)) });

    const now = services.clock.now();
    if (results.length > 0) {
      await tx.execute(sql`
        update ${bulkJobResults} set outcome = v.outcome, reason = v.reason, processed_at = ${timestampParam(now)}
        from (select unnest(${sql.param(results.map((r) => r.chatroomId))}::text[]) as chatroom_id,
                     unnest(${sql.param(results.map((r) => r.outcome))}::text[]) as outcome,
                     unnest(${sql.param(results.map((r) => ("reason" in r ? r.reason : null)))}::text[]) as reason) as v
        where ${bulkJobResults.jobId} = ${job.id} and ${bulkJobResults.chatroomId} = v.chatroom_id`);
    }
    const tally = (outcome: RoomResult["outcome"]) => results.filter((result) => result.outcome === outcome).length;
    const finished = rooms.length < batchSize;
    await tx
      .update(bulkJobs)
      .set({
        status: finished ? "done" : "running",
        cursor: results.at(-1)?.chatroomId ?? job.cursor,
        done: job.done + tally("done"),
        skipped: job.skipped + tally("skipped"),
        failed: job.failed + tally("failed"),
        startedAt: job.startedAt ?? now,
        finishedAt: finished ? now : null,
      })
      .where(eq(bulkJobs.id, job.id));
    return { bulkId: job.id, processed: rooms.length, status: finished ? "done" : "running" };
  });
}

/** Marks a job failed as a whole, unless it finished meanwhile. */
async function failJob(services: Services, bulkId: string, error: string): Promise<void> {
  await services.db
    .update(bulkJobs)
    .set({ status: "failed", error, finishedAt: services.clock.now() })
    .where(and(eq(bulkJobs.id, bulkId), inArray(bulkJobs.status, ["queued", "running"])));
}

/**
 * Runs batches until no job is left that this runner may take. A batch that throws is retried; the
 * MAX_BATCH_FAILURES-th failure in a row of one job fails the job (an outage only waits).
 */
export async function runBulkJobs(services: Services, options: RunnerOptions & { signal?: AbortSignal } = {}): Promise<number> {
  let batches = 0;
  const failures = new Map<string, number>();
  let current: string | undefined;
  while (!options.signal?.aborted) {
    try {
      const batch = await runBulkBatch(services, { batchSize: options.batchSize });
      if (!batch) return batches;
      batches += 1;
      current = batch.bulkId;
      failures.delete(batch.bulkId);
      await new Promise((resolve) => setTimeout(resolve, options.pauseMs ?? PAUSE_BETWEEN_BATCHES_MS));
    } catch (error) {
      if (isDatabaseUnreachable(error)) throw error;
      log("error", "bulk batch failed", { bulk_id: current, ...errorFields(error) });
      // The failing job is the one no batch of which has committed since; without one, the oldest.
      const [job] = await services.db
        .select({ id: bulkJobs.id })
        .from(bulkJobs)
        .where(inArray(bulkJobs.status, ["queued", "running"]))
        .orderBy(asc(bulkJobs.createdAt), asc(bulkJobs.id))
        .limit(1);
      if (!job) return batches;
      const count = (failures.get(job.id) ?? 0) + 1;
      failures.set(job.id, count);
      if (count >= MAX_BATCH_FAILURES) await failJob(services, job.id, "a batch failed repeatedly; see the server log");
    }
  }
  return batches;
}

/**
 * The server's bulk runner: every `intervalMs`, and at once when a job is made in this process, it runs
 * the jobs' batches. It runs in every server process (SKIP LOCKED shares the jobs), so a job left running
 * by a stopped process is taken up by the next start. Returns a function that stops it.
 */
export function startBulkRunner(getServices: () => Promise<Services>, options: RunnerOptions & { intervalMs: number }): () => void {
  const stopped = new AbortController();
  void (async () => {
    while (!stopped.signal.aborted) {
      try {
        await runBulkJobs(await getServices(), { batchSize: options.batchSize, pauseMs: options.pauseMs, signal: stopped.signal });
      } catch (error) {
        if (isDatabaseUnreachable(error)) noteDatabaseUnreachable();
        else log("error", "bulk runner failed", errorFields(error));
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, options.intervalMs);
        timer.unref();
        stopped.signal.addEventListener("abort", done, { once: true });
        onBulkJobQueued(done);
        function done() {
          clearTimeout(timer);
          // Else every idle interval would leave a listener on the runner's signal for the life of the process.
          stopped.signal.removeEventListener("abort", done);
          onBulkJobQueued(undefined);
          resolve();
        }
      });
    }
  })();
  return () => stopped.abort();
}

import { randomBytes } from "node:crypto";
import { and, asc, count, eq, gt, inArray, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { checkAssignmentTargets, isAssignable, type AssignmentRequest } from "@/lib/chatrooms/assignment";
import { decideDeactivation, decideReassign, type RoomDecision } from "@/lib/chatrooms/decisions";
import { chatroomFilterConditions } from "@/lib/chatrooms/list";
import { loadChatrooms } from "@/lib/chatrooms/records";
import { toAssignmentRequest, toChatroomFilter } from "@/lib/chatrooms/schemas";
import type { Db } from "@/lib/db/client";
import { bulkJobResults, bulkJobs, chatrooms, contacts } from "@/lib/db/schema";
import { rowsOf } from "@/lib/db/sql";
import { notFound } from "@/lib/errors";
import { decodeCursor, encodeCursor, idCursorSchema } from "@/lib/pagination";
import type { RequestContext } from "@/lib/principals/actor";
import type { Services } from "@/lib/services";
import type { CreateBulkBody } from "./schemas";
import { bulkJobQueued } from "./wake";

/** Chatrooms a dry run decides on at a time: one page in memory, whatever the size of the selection. */
const DRY_RUN_PAGE = 500;

/** What a job does to each room, as the single-room endpoints take it. */
export type BulkAction =
  | { action: "reassign"; assignment: AssignmentRequest }
  | { action: "deactivate"; reason: Extract<CreateBulkBody, { action: "deactivate" }>["params"]["deactivation_reason"] };

export function bulkActionOf(body: CreateBulkBody): BulkAction {
  return body.action === "reassign"
    ? { action: "reassign", assignment: toAssignmentRequest(body.params.assign_details) }
    : { action: "deactivate", reason: body.params.deactivation_reason };
}

/** The rooms a body selects, as conditions on `chatrooms` (and `contacts` when the search is used). */
function selectionOf(db: Db, orgId: string, body: CreateBulkBody, now: Date): { where: SQL[]; search: boolean } {
  if (body.chatroom_ids) return { where: [inArray(chatrooms.id, body.chatroom_ids)], search: false };
  const filter = toChatroomFilter(body.filter ?? {});
  return { where: chatroomFilterConditions(db, { orgId, now, ...filter }), search: filter.q !== undefined };
}

/** Named rooms must all be the org's (another org's is a 404, as everywhere), before anything is decided. */
async function checkNamedRooms(db: Db, orgId: string, ids: string[] | undefined): Promise<void> {
  if (!ids) return;
  const found = await db
    .select({ id: chatrooms.id })
    .from(chatrooms)
    .where(and(eq(chatrooms.orgId, orgId), inArray(chatrooms.id, ids)));
  const known = new Set(found.map((row) => row.id));
  const missing = ids.find((id) => !known.has(id));
  if (missing !== undefined) throw notFound("chatroom", missing);
}

type DryRun = { dry_run: true; action: BulkAction["action"]; total: number; would_apply: number; would_skip: number; skip_reasons: Record<string, number> };

/**
 * A dry run: each selected room through the decision its single-room endpoint makes (lib/chatrooms/decisions.ts),
 * a page at a time, counted by outcome and reason. Reads only. A group's pick is not simulated: a room
 * reassigned to a group counts as changed although the pick may land on its only member.
 */
async function dryRun(services: Services, context: RequestContext, body: CreateBulkBody, action: BulkAction): Promise<DryRun> {
  const { db } = services;
  const now = services.clock.now();
  const selection = selectionOf(db, context.orgId, body, now);
  const assignable = action.action === "reassign" ? await isAssignable(db, context.orgId, action.assignment) : true;
  const decide = (room: Awaited<ReturnType<typeof loadChatrooms>>[number]): RoomDecision =>
    action.action === "reassign" ? decideReassign(room, now, { assignment: action.assignment, assignable }) : decideDeactivation(room, now);
  const answer: DryRun = { dry_run: true, action: action.action, total: 0, would_apply: 0, would_skip: 0, skip_reasons: {} };
  let after: string | undefined;
  for (;;) {
    const page = await loadChatrooms(db, {
      orgId: context.orgId,
      where: and(...selection.where, after === undefined ? undefined : gt(chatrooms.id, after)),
      orderBy: [asc(chatrooms.id)],
      limit: DRY_RUN_PAGE,
    });
    for (const room of page) {
      const decision = decide(room);
      answer.total += 1;
      if (decision.kind === "apply") answer.would_apply += 1;
      else {
        answer.would_skip += 1;
        answer.skip_reasons[decision.reason] = (answer.skip_reasons[decision.reason] ?? 0) + 1;
      }
    }
    if (page.length < DRY_RUN_PAGE) return answer;
    after = page[page.length - 1]!.id;
  }
}

/**
 * POST .../chatrooms/bulk: a dry run, or a job of the rooms selected now (a row of bulk_job_results each,
 * chosen in one statement), queued for the runner. Later changes to which rooms match the filter do not
 * change the job's rooms; each is decided when its batch runs, as its single-room endpoint would then.
 */
export async function createBulk(services: Services, context: RequestContext, body: CreateBulkBody) {
  const { db } = services;
  const action = bulkActionOf(body);
  if (action.action === "reassign") await checkAssignmentTargets(db, context.orgId, action.assignment);
  await checkNamedRooms(db, context.orgId, body.chatroom_ids);
  if (body.dry_run) return dryRun(services, context, body, action);

  const id = `bulk_${randomBytes(12).toString("hex")}`;
  await db.transaction(async (tx) => {
    const now = services.clock.now();
    await tx.insert(bulkJobs).values({
      id,
      orgId: context.orgId,
      action: body.action,
      params: body.params,
      filter: body.filter ?? null,
      actor: { ...context.actor },
      note: context.note,
      requestId: context.requestId,
      status: "queued",
      total: 0,
      createdAt: now,
    });
    const selection = selectionOf(tx, context.orgId, body, now);
    const from = tx
      .select({ jobId: sql`${id}::text`, orgId: chatrooms.orgId, chatroomId: chatrooms.id })
      .from(chatrooms)
      .$dynamic();
    const joined = selection.search ? from.innerJoin(contacts, eq(contacts.id, chatrooms.contactId)) : from;
    const selected = joined.where(and(eq(chatrooms.orgId, context.orgId), ...selection.where));
    const inserted = await tx.execute(
      sql`with chosen as (insert into ${bulkJobResults} (job_id, org_id, chatroom_id) ${selected} returning 1) select count(*)::int as count from chosen`,
    );
    const total = rowsOf<{ count: number }>(inserted)[0]?.count ?? 0;
    await tx.update(bulkJobs).set({ total }).where(eq(bulkJobs.id, id));
  });
  bulkJobQueued();
  return getBulkJob(db, { orgId: context.orgId, bulkId: id });
}

async function skipReasons(db: Db, jobId: string): Promise<Record<string, number>> {
  const rows = await db
    .select({ reason: bulkJobResults.reason, count: count() })
    .from(bulkJobResults)
    .where(and(eq(bulkJobResults.jobId, jobId), eq(bulkJobResults.outcome, "skipped"), isNotNull(bulkJobResults.reason)))
    .groupBy(bulkJobResults.reason);
  return Object.fromEntries(rows.map((row) => [row.reason as string, Number(row.count)]));
}

/** A job of the org with its counts (another org's job is a 404). */
async function getBulkJob(db: Db, params: { orgId: string; bulkId: string }) {
  const [job] = await db
    .select()
    .from(bulkJobs)
    .where(and(eq(bulkJobs.orgId, params.orgId), eq(bulkJobs.id, params.bulkId)));
  if (!job) throw notFound("bulk_job", params.bulkId);
  return {
    bulk_id: job.id,
    dry_run: false as const,
    action: job.action,
    params: job.params,
    filter: job.filter,
    status: job.status,
    total: job.total,
    done: job.done,
    skipped: job.skipped,
    failed: job.failed,
    skip_reasons: await skipReasons(db, job.id),
    error: job.error,
    created_at: job.createdAt.toISOString(),
    started_at: job.startedAt?.toISOString() ?? null,
    finished_at: job.finishedAt?.toISOString() ?? null,
  };
}

type ResultOutcome = "pending" | "done" | "skipped" | "failed";

/** GET /v1/org/{orgId}/bulk/{bulkId}: the job and a page of its per-room results, by chatroom id. */
export async function getBulkJobDetail(
  db: Db,
  params: { orgId: string; bulkId: string; outcome?: ResultOutcome; cursor?: string; limit: number },
) {
  const job = await getBulkJob(db, params);
  const after = decodeCursor(params.cursor, idCursorSchema);
  const outcomeCondition =
    params.outcome === undefined ? undefined : params.outcome === "pending" ? isNull(bulkJobResults.outcome) : eq(bulkJobResults.outcome, params.outcome);
  const rows = await db
    .select({
      chatroomId: bulkJobResults.chatroomId,
      displayName: chatrooms.displayName,
      outcome: bulkJobResults.outcome,
      reason: bulkJobResults.reason,
      processedAt: bulkJobResults.processedAt,
    })
    .from(bulkJobResults)
    .innerJoin(chatrooms, and(eq(chatrooms.orgId, bulkJobResults.orgId), eq(chatrooms.id, bulkJobResults.chatroomId)))
    .where(and(eq(bulkJobResults.jobId, job.bulk_id), outcomeCondition, after ? gt(bulkJobResults.chatroomId, after.id) : undefined))
    .orderBy(asc(bulkJobResults.chatroomId))
    .limit(params.limit + 1);
  const page = rows.slice(0, params.limit);
  const last = page[page.length - 1];
  return {
    ...job,
    results: {
      items: page.map((row) => ({
        chatroom_id: row.chatroomId,
        display_name: row.displayName,
        outcome: row.outcome ?? "pending",
        reason: row.reason,
        processed_at: row.processedAt?.toISOString() ?? null,
      })),
      next_cursor: rows.length > params.limit && last ? encodeCursor({ id: last.chatroomId }) : null,
    },
  };
}

/**
 * POST /v1/org/{orgId}/bulk/{bulkId}/cancel: a queued or running job stops after the batch running now (its row lock
 * is waited for, so the batch commits first); a finished job is answered as it is.
 */
export async function cancelBulkJob(services: Services, context: RequestContext, params: { bulkId: string }) {
  await services.db
    .update(bulkJobs)
    .set({ status: "cancelled", finishedAt: services.clock.now() })
    .where(and(eq(bulkJobs.orgId, context.orgId), eq(bulkJobs.id, params.bulkId), inArray(bulkJobs.status, ["queued", "running"])));
  return getBulkJob(services.db, { orgId: context.orgId, bulkId: params.bulkId });
}

import { and, desc, eq, lt, or, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { auditEvents } from "@/lib/db/schema";
import { decodeCursor, sequenceCursorSchema, toPage } from "@/lib/pagination";

/**
 * Audit events of an org, newest first; `actor` matches the actor's id or type, or the person the console
 * acted for; `action` and `bulk_id` match exactly.
 */
export async function listAuditEvents(
  db: Db,
  params: { orgId: string; chatroomId?: string; actor?: string; action?: string; bulkId?: string; cursor?: string; limit: number },
) {
  const conditions: SQL[] = [eq(auditEvents.orgId, params.orgId)];
  if (params.chatroomId) conditions.push(eq(auditEvents.chatroomId, params.chatroomId));
  if (params.action) conditions.push(eq(auditEvents.action, params.action));
  if (params.bulkId) conditions.push(eq(auditEvents.bulkId, params.bulkId));
  if (params.actor) {
    const byType = ["user", "partner", "console", "system"].includes(params.actor);
    conditions.push(
      byType
        ? eq(auditEvents.actorType, params.actor as "system")
        : or(eq(auditEvents.actorId, params.actor), eq(auditEvents.onBehalfOf, params.actor))!,
    );
  }
  const after = decodeCursor(params.cursor, sequenceCursorSchema);
  if (after) conditions.push(lt(auditEvents.id, after.id));
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.id))
    .limit(params.limit + 1);
  return toPage(
    rows,
    params.limit,
    (row) => ({
      id: String(row.id),
      chatroom_id: row.chatroomId,
      action: row.action,
      actor: { type: row.actorType, id: row.actorId, on_behalf_of: row.onBehalfOf },
      impersonator: row.impersonatorType ? { type: row.impersonatorType, id: row.impersonatorId } : null,
      channel: row.channel,
      note: row.note,
      request_id: row.requestId,
      bulk_id: row.bulkId,
      changes: row.changes,
      details: row.details,
      at: row.at.toISOString(),
    }),
    (last) => ({ id: last.id }),
  );
}

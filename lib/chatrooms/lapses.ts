import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { recordAudit, type AuditEntry } from "@/lib/audit/record";
import { systemActor, type RequestContext } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { chatrooms, pendingAssignments } from "@/lib/db/schema";
import { timestampParam } from "@/lib/db/sql";
import { chatroomOpen } from "./conditions";

/**
 * R4: writes out the lapses (inactivity, then expiry) of the chatrooms matching `scope` that are past a
 * deadline at `now`, each with a system audit event dated at its deadline. Returns the ids it closed.
 */
export async function writeOutLapses(
  tx: Db,
  params: { orgId: string; scope: SQL; now: Date; requestId: string },
): Promise<string[]> {
  const now = timestampParam(params.now);
  const inScope = and(eq(chatrooms.orgId, params.orgId), params.scope);

  const inactive = await tx
    .update(chatrooms)
    .set({ deactivatedAt: sql`${chatrooms.inactivityDeadline}`, deactivationReason: "INACTIVITY" })
    .where(
      and(
        inScope,
        chatroomOpen,
        sql`${chatrooms.inactivityDeadline} <= ${now}`,
        sql`${chatrooms.inactivityDeadline} < ${chatrooms.expiryTs}`,
      ),
    )
    .returning({ id: chatrooms.id, at: chatrooms.deactivatedAt });

  const expired = await tx
    .update(chatrooms)
    .set({ expiredAt: sql`${chatrooms.expiryTs}` })
    .where(and(inScope, sql`${chatrooms.expiredAt} is null`, sql`${chatrooms.expiryTs} <= ${now}`))
    .returning({ id: chatrooms.id, at: chatrooms.expiredAt, deactivatedAt: chatrooms.deactivatedAt });

  const closedIds = [...new Set([...inactive.map((row) => row.id), ...expired.map((row) => row.id)])];
  if (closedIds.length === 0) return [];
  // A deactivation cancels a pending assignment (R15); so does expiry.
  await tx
    .delete(pendingAssignments)
    .where(and(eq(pendingAssignments.orgId, params.orgId), inArray(pendingAssignments.chatroomId, closedIds)));

  const inactiveIds = new Set(inactive.map((row) => row.id));
  const entries: AuditEntry[] = [
    ...inactive.map((row) => ({
      chatroomId: row.id,
      action: "chatroom.deactivated",
      changes: {
        status: { before: "active", after: "deactivated" },
        deactivation_reason: { before: null, after: "INACTIVITY" },
      },
      at: row.at as Date,
    })),
    ...expired.map((row) => ({
      chatroomId: row.id,
      action: "chatroom.expired",
      changes: {
        status: { before: row.deactivatedAt || inactiveIds.has(row.id) ? "deactivated" : "active", after: "expired" },
      },
      at: row.at as Date,
    })),
  ];
  const context: RequestContext = { orgId: params.orgId, actor: systemActor, requestId: params.requestId, note: null };
  await recordAudit(tx, context, entries);
  return closedIds;
}

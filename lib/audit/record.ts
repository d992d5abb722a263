import type { RequestContext } from "@/lib/principals/actor";
import type { Db } from "@/lib/db/client";
import { auditEvents } from "@/lib/db/schema";

export type Changes = Record<string, { before: unknown; after: unknown }>;

export interface AuditEntry {
  chatroomId: string | null;
  action: string;
  changes: Changes;
  details?: Record<string, unknown>;
  /** Defaults to the request's time; lapses are dated at their deadline (R4). */
  at: Date;
}

/** R24: one event per chatroom changed, written in the transaction of the change. */
export async function recordAudit(tx: Db, context: RequestContext, entries: AuditEntry[]): Promise<void> {
  if (entries.length > 0) await auditInsert(tx, context, entries);
}

/**
 * The insert of recordAudit, not yet sent: a write can carry it as the last part of its own statement (after
 * its changes in CTEs), so that the change, its audit events and their events (triggers) cost one round trip.
 * `entries` must not be empty.
 */
export function auditInsert(tx: Db, context: RequestContext, entries: AuditEntry[]) {
  const { actor } = context;
  return tx.insert(auditEvents).values(
    entries.map((entry) => ({
      orgId: context.orgId,
      chatroomId: entry.chatroomId,
      action: entry.action,
      actorType: actor.type,
      actorId: actor.id,
      onBehalfOf: actor.onBehalfOf,
      impersonatorType: actor.impersonator?.type ?? null,
      impersonatorId: actor.impersonator?.id ?? null,
      note: context.note,
      requestId: context.requestId,
      bulkId: context.bulkId ?? null,
      changes: entry.changes,
      details: entry.details ?? null,
      at: entry.at,
    })),
  );
}

import { z } from "zod";
import { listAuditQuerySchema } from "@/lib/chatrooms/schemas";
import type { AuditEvent } from "@/lib/dashboard/api/schemas";
import { actorOf, changesInWords, type TimelineContext } from "@/lib/dashboard/ui/timeline";

/** What each audited action is called where people read it; an action not listed shows as the API names it. */
export const auditActionLabels: Record<string, string> = {
  "chatroom.created": "Chatroom created",
  "chatroom.assigned": "Chatroom assigned",
  "chatroom.reassigned": "Chatroom reassigned",
  "chatroom.activated": "Chatroom activated",
  "chatroom.deactivated": "Chatroom deactivated",
  "chatroom.expired": "Chatroom expired",
  "chatroom.renamed": "Chatroom renamed",
  "chatroom.handover_completed": "Handover completed",
  "chatroom.handover_failed": "Handover failed",
  "contact.created": "Contact created",
  "contact.updated": "Contact updated",
  "org.config_updated": "Settings changed",
  "webhook.created": "Webhook added",
  "webhook.updated": "Webhook changed",
  "webhook.deleted": "Webhook deleted",
};

const channelLabels: Record<AuditEvent["channel"], string> = {
  api: "API key",
  console: "Dashboard",
  system: "Switchboard",
};

/** The audit page's filters as they live in the URL (the API's own audit query); unreadable ones are dropped. */
const shape = listAuditQuerySchema.shape;
const auditFiltersSchema = z.object({
  action: shape.action.catch(undefined),
  actor: shape.actor.catch(undefined),
  chatroom_id: shape.chatroom_id.catch(undefined),
  cursor: shape.cursor.catch(undefined),
});
export type AuditFilters = z.infer<typeof auditFiltersSchema>;

export function parseAuditFilters(searchParams: Record<string, string | string[] | undefined>): AuditFilters {
  const single = Object.fromEntries(
    Object.entries(searchParams).map(([key, value]) => [
      key,
      typeof value === "string" && value.trim() !== "" ? value.trim() : undefined,
    ]),
  );
  return auditFiltersSchema.parse(single);
}

/** The URL query of these filters (empty ones left out), with "?" when there is one. */
export function auditQueryString(filters: Partial<AuditFilters>): string {
  const params = new URLSearchParams(
    Object.entries(filters).filter(
      (entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== "",
    ),
  );
  const query = params.toString();
  return query ? `?${query}` : "";
}

export interface AuditRow {
  id: string;
  at: string;
  action: string;
  actor: string;
  channel: string;
  changes: string;
  note: string | null;
  chatroomId: string | null;
}

/** One audit event as the audit page and its CSV show it: names and words, with the ids beside. */
export function auditRowOf(event: AuditEvent, context: Pick<TimelineContext, "directory" | "accountNames">): AuditRow {
  return {
    id: event.id,
    at: event.at,
    action: auditActionLabels[event.action] ?? event.action,
    actor: actorOf(event, context),
    channel: channelLabels[event.channel] ?? event.channel,
    changes: changesInWords(event.changes, context.directory)
      .map((change) => `${change.label}: ${change.before} → ${change.after}`)
      .join("; "),
    note: event.note,
    chatroomId: event.chatroom_id,
  };
}

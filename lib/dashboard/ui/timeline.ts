import type { AuditEvent } from "@/lib/dashboard/api/schemas";
import { exactTime, formatPhoneNumber, reasonLabel, statusLabel } from "@/lib/dashboard/ui/format";
import { explain } from "@/lib/dashboard/ui/messages";
import { groupName, phoneLabel, userName, type Directory } from "@/lib/dashboard/ui/names";

/**
 * One chatroom's timeline: one entry per change, written as a sentence. The API's audit event and the
 * dashboard's own record of the same request are one entry (they share the request id); a record with no
 * event (a refused attempt, or an API that keeps no audit) stands on its own.
 */

/** The dashboard's record of a change a person asked for (lib/dashboard/store's action log). */
export interface ActionRecordEntry {
  id: string;
  accountId: string;
  action: string;
  note: string | null;
  status: number;
  outcome: string;
  requestId: string | null;
  at: string;
}

export interface FieldChange {
  label: string;
  before: string;
  after: string;
}

export interface TimelineEntry {
  id: string;
  at: string;
  /** Who did it, by name ("Switchboard" for the system's own changes). */
  actor: string;
  sentence: string;
  note: string | null;
  changes: FieldChange[];
  /** A refused attempt: nothing changed. */
  refused: boolean;
  system: boolean;
}

export interface TimelineContext {
  directory: Directory;
  /** Display names of dashboard accounts, by account id. */
  accountNames: Map<string, string>;
  config: { inactivity_days: number; expiry_days: number } | null;
}

type Pending = { assign_mode: string; user_id: string | null; group_id: string | null } | null;

function pendingLabel(directory: Directory, pending: Pending): string {
  if (!pending) return "none";
  return pending.assign_mode === "USER" ? `${userName(directory, pending.user_id)}, on handover` : `${groupName(directory, pending.group_id)}, on handover`;
}

function membersLabel(directory: Directory, members: unknown): string {
  if (!Array.isArray(members) || members.length === 0) return "nobody";
  return members.map((id) => userName(directory, String(id))).join(", ");
}

function isTime(value: unknown): value is string {
  return typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value);
}

const fieldLabels: Record<string, string> = {
  status: "Status",
  deactivation_reason: "Reason",
  members: "Assignee",
  pending_assignment: "Handover assignment",
  remote_phone_id: "WABA phone",
  phone_number: "Phone number",
  display_name: "Name",
  expiry_ts: "Expires",
  last_activity_at: "Last activity",
  contact_mapping: "Phone serving the contact",
  handover_at: "Handover",
  contact_id: "Contact",
};

function valueLabel(field: string, value: unknown, directory: Directory): string {
  if (field === "members") return membersLabel(directory, value);
  if (field === "pending_assignment") return pendingLabel(directory, value as Pending);
  if (value === null || value === undefined) return field === "deactivation_reason" ? "none" : "—";
  if (field === "remote_phone_id" || field === "contact_mapping") return phoneLabel(directory, String(value));
  if (field === "phone_number") return formatPhoneNumber(String(value));
  if (field === "deactivation_reason") return reasonLabel[String(value)] ?? String(value);
  if (field === "status") return statusLabel[String(value)] ?? String(value);
  if (isTime(value)) return exactTime(value);
  return String(value);
}

/** The event's field changes in words ("Assignee: Lin Seller → nobody"); fields that only tell ids are left out. */
export function changesInWords(changes: AuditEvent["changes"], directory: Directory): FieldChange[] {
  return Object.entries(changes)
    .filter(([field]) => field in fieldLabels && field !== "contact_id")
    .map(([field, change]) => ({
      label: fieldLabels[field]!,
      before: valueLabel(field, change.before, directory),
      after: valueLabel(field, change.after, directory),
    }));
}

/** Who made the change, by name. */
export function actorOf(event: AuditEvent, context: Pick<TimelineContext, "directory" | "accountNames">): string {
  const { actor } = event;
  let name: string;
  if (actor.on_behalf_of) name = context.accountNames.get(actor.on_behalf_of) ?? "A dashboard user";
  else if (actor.type === "user") name = userName(context.directory, actor.id);
  else if (actor.type === "partner") name = "A partner";
  else if (actor.type === "console") name = "The dashboard";
  else name = "Switchboard";
  if (event.impersonator) name += ` (acting as ${userName(context.directory, actor.id)})`;
  return name;
}

/** The assignment an event made, in words: "Sales, on handover" or "Lin Seller". */
function assignmentOf(event: AuditEvent, directory: Directory): string | null {
  const pending = event.changes.pending_assignment?.after as Pending | undefined;
  if (pending) return pendingLabel(directory, pending);
  const members = event.changes.members?.after;
  if (Array.isArray(members) && members.length > 0) return membersLabel(directory, members);
  return null;
}

function eventSentence(event: AuditEvent, actor: string, context: TimelineContext): string {
  const { directory, config } = context;
  const assignment = assignmentOf(event, directory);
  const reason = event.changes.deactivation_reason?.after;
  switch (event.action) {
    case "chatroom.created": {
      const phone = event.changes.remote_phone_id?.after;
      const on = typeof phone === "string" ? ` on ${phoneLabel(directory, phone)}` : "";
      return `${actor} created the chatroom${on}${assignment ? `, assigned to ${assignment}` : ""}`;
    }
    case "chatroom.assigned":
      return `${actor} assigned it to ${assignment ?? "nobody"}`;
    case "chatroom.reassigned":
      return `${actor} reassigned it to ${assignment ?? "nobody"}`;
    case "chatroom.deactivated":
      if (reason === "INACTIVITY") {
        return config ? `Deactivated: no activity for ${config.inactivity_days} days` : "Deactivated: no activity from the lead for too long";
      }
      if (reason === "FORCE_NEW_CHATROOM") return `${actor} deactivated it to create a new chatroom for the contact`;
      if (reason === "FORCE_ACTIVATION") return `${actor} deactivated it to activate another chatroom of this number`;
      return `${actor} deactivated it: ${reasonLabel[String(reason)]?.toLowerCase() ?? "no reason given"}`;
    case "chatroom.activated": {
      const closed = Array.isArray(event.details?.deactivated) ? event.details.deactivated.length : 0;
      return closed > 0
        ? `${actor} activated it with force, deactivating ${closed} other chatroom${closed === 1 ? "" : "s"}`
        : `${actor} activated it`;
    }
    case "chatroom.expired":
      return config ? `Expired: ${config.expiry_days} days after it was created` : "Expired: it reached its expiry date";
    case "chatroom.renamed":
      return `${actor} renamed it to ${String(event.changes.display_name?.after ?? "a new name")}`;
    case "chatroom.handover_completed":
      return `Handover completed: ${assignment ?? "the assignee"} got access when the lead wrote`;
    case "chatroom.handover_failed":
      return "Handover could not be completed: nobody could be assigned; it is tried again at the lead's next message";
    default:
      return `${actor} changed the chatroom`;
  }
}

const attempted: Record<string, string> = {
  "chatroom.create": "create a chatroom",
  "chatroom.reassign": "reassign it",
  "chatroom.deactivate": "deactivate it",
  "chatroom.activate": "activate it",
};

const done: Record<string, string> = {
  "chatroom.create": "created a chatroom",
  "chatroom.reassign": "reassigned it",
  "chatroom.deactivate": "deactivated it",
  "chatroom.activate": "activated it",
};

function recordSentence(record: ActionRecordEntry, actor: string, auditKept: boolean): { sentence: string; refused: boolean } {
  if (record.status >= 200 && record.status < 300) {
    // With the API's audit at hand, a success without an event of its own is one that changed nothing.
    const sentence = `${actor} ${done[record.action] ?? "changed it"}${auditKept ? "; nothing needed changing" : ""}`;
    return { sentence, refused: false };
  }
  return { sentence: `${actor} tried to ${attempted[record.action] ?? "change it"}: ${explain(record.outcome).title.replace(/\.$/, "").toLowerCase()}`, refused: true };
}

/** The merged timeline, newest first. `events` is null when the API keeps no audit this dashboard can read. */
export function buildTimeline(events: AuditEvent[] | null, records: ActionRecordEntry[], context: TimelineContext): TimelineEntry[] {
  const recordByRequest = new Map(records.flatMap((record) => (record.requestId ? [[record.requestId, record] as const] : [])));
  const merged = new Set<string>();
  const entries: TimelineEntry[] = (events ?? []).map((event) => {
    const record = event.request_id ? recordByRequest.get(event.request_id) : undefined;
    if (record) merged.add(record.id);
    const actor = record && !event.actor.on_behalf_of ? (context.accountNames.get(record.accountId) ?? actorOf(event, context)) : actorOf(event, context);
    return {
      id: `event-${event.id}`,
      at: event.at,
      actor,
      sentence: eventSentence(event, actor, context),
      note: event.note ?? record?.note ?? null,
      changes: changesInWords(event.changes, context.directory),
      refused: false,
      system: event.actor.type === "system",
    };
  });
  for (const record of records) {
    if (merged.has(record.id)) continue;
    const actor = context.accountNames.get(record.accountId) ?? "A dashboard user";
    entries.push({ id: `record-${record.id}`, at: record.at, actor, ...recordSentence(record, actor, events !== null), note: record.note, changes: [], system: false });
  }
  return entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : -1));
}

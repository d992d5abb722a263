import "server-only";
import type { Person } from "@/lib/dashboard/session/access";
import { apiFor } from "@/lib/dashboard/api/client";
import { pagedCsv } from "@/lib/dashboard/api/csv-export";
import { loadDirectory } from "@/lib/dashboard/api/directory";
import type { Contact, ConflictLogEntry } from "@/lib/dashboard/api/schemas";
import { accountNames } from "@/lib/dashboard/store";
import { auditRowOf, type AuditFilters } from "@/lib/dashboard/ui/audit-log";
import type { ConflictFilters } from "@/lib/dashboard/ui/conflict-filters";
import { statusLabel } from "@/lib/dashboard/ui/format";
import { explain } from "@/lib/dashboard/ui/messages";
import { contactName, phoneLabel, userName, type Directory } from "@/lib/dashboard/ui/names";

/** Rows per API page read: the largest page the API serves. */
const PAGE_SIZE = 200;
/** Contacts of a conflict page looked up at once. */
const CONTACT_CONCURRENCY = 6;

const AUDIT_HEADER = [
  "At (UTC)",
  "Action",
  "Actor",
  "Channel",
  "Changes",
  "Note",
  "Chatroom id",
  "Action id",
  "Actor type",
  "Actor id",
  "On behalf of (account id)",
  "Request id",
  "Bulk job id",
  "Event id",
];

/** The org's audit log under the audit page's filters, newest first, as CSV (names and ids). */
export async function auditCsv(
  person: Person,
  orgId: string,
  filters: Omit<AuditFilters, "cursor">,
): Promise<ReadableStream<Uint8Array>> {
  const directory = await loadDirectory(person, orgId);
  const api = apiFor(person);
  return pagedCsv({
    header: AUDIT_HEADER,
    readPage: (cursor) => api("listAudit", { params: { orgId }, query: { ...filters, cursor, limit: PAGE_SIZE } }),
    rowsOf: async (events) => {
      const names = await accountNames([...new Set(events.flatMap((event) => event.actor.on_behalf_of ?? []))]);
      return events.map((event) => {
        const row = auditRowOf(event, { directory, accountNames: names });
        return [
          row.at,
          row.action,
          row.actor,
          row.channel,
          row.changes,
          row.note,
          row.chatroomId,
          event.action,
          event.actor.type,
          event.actor.id,
          event.actor.on_behalf_of,
          event.request_id,
          event.bulk_id,
          event.id,
        ];
      });
    },
  });
}

const CONFLICT_HEADER = [
  "At (UTC)",
  "Phone number",
  "Refused because",
  "Asked for contact",
  "Asked for CRM id",
  "Asked by",
  "Conflicting chatrooms",
  "Of them active now",
  "Conflicting chatrooms now",
  "Conflicting chatroom ids",
  "Contact id",
  "Error code",
  "Entry id",
];

function askedBy(principal: Record<string, unknown>, directory: Directory, names: Map<string, string>): string {
  const onBehalfOf = typeof principal.onBehalfOf === "string" ? principal.onBehalfOf : null;
  if (onBehalfOf) return names.get(onBehalfOf) ?? "A dashboard user";
  if (principal.type === "user") return userName(directory, typeof principal.id === "string" ? principal.id : null);
  if (principal.type === "partner") return "A partner";
  if (principal.type === "console") return "The dashboard";
  return "Switchboard";
}

/** The conflict log under the conflicts page's filters, newest first, as CSV: one row per refused create or activation. */
export async function conflictsCsv(
  person: Person,
  orgId: string,
  filters: Omit<ConflictFilters, "cursor" | "days"> & { since?: string },
): Promise<ReadableStream<Uint8Array>> {
  const directory = await loadDirectory(person, orgId);
  const api = apiFor(person);
  const contactOf = async (id: string): Promise<Contact | null> => {
    const contact = await api("getContact", { params: { orgId, contactId: id } });
    return contact.ok ? contact.data : null;
  };
  return pagedCsv<ConflictLogEntry>({
    header: CONFLICT_HEADER,
    readPage: (cursor) =>
      api("listConflicts", { params: { orgId }, query: { phone: filters.phone, cursor, limit: PAGE_SIZE } }),
    done: filters.since ? (entry) => entry.at < filters.since! : undefined,
    rowsOf: async (entries) => {
      const contactIds = [...new Set(entries.flatMap((entry) => entry.contact_id ?? []))];
      const contacts = new Map<string, Contact | null>();
      for (let at = 0; at < contactIds.length; at += CONTACT_CONCURRENCY) {
        const batch = contactIds.slice(at, at + CONTACT_CONCURRENCY);
        (await Promise.all(batch.map(contactOf))).forEach((contact, index) => contacts.set(batch[index]!, contact));
      }
      const names = await accountNames([
        ...new Set(
          entries.flatMap((entry) =>
            typeof entry.principal.onBehalfOf === "string" ? [entry.principal.onBehalfOf] : [],
          ),
        ),
      ]);
      return entries.map((entry) => {
        const contact = entry.contact_id ? contacts.get(entry.contact_id) : null;
        return [
          entry.at,
          entry.phone_number,
          explain(entry.error_code).title,
          contact ? contactName(contact) : "",
          contact?.crm_id ?? "",
          askedBy(entry.principal, directory, names),
          entry.conflicts.length,
          entry.conflicts.filter((room) => room.status === "active").length,
          entry.conflicts
            .map((room) => {
              const state = statusLabel[room.status] ?? room.status;
              const assignee = room.assignee_user_id ? `, ${userName(directory, room.assignee_user_id)}` : "";
              return `${room.crm_id} on ${phoneLabel(directory, room.remote_phone_id)} (${state}${assignee})`;
            })
            .join("; "),
          entry.conflicts.map((room) => room.chatroom_id).join(" "),
          entry.contact_id,
          entry.error_code,
          entry.id,
        ];
      });
    },
  });
}

import "server-only";
import { appClock } from "@/lib/app-clock";
import { canReadChangeHistory, type Person } from "@/lib/dashboard/session/access";
import { accountLabels, listChatroomActions } from "@/lib/dashboard/store";
import { apiFor, type ApiFailure } from "@/lib/dashboard/api/client";
import type { AuditEvent, ChatroomDetail, Contact, Message } from "@/lib/dashboard/api/schemas";

/** Reads that combine several API calls for one view. */

/** The time relative dates are shown against: the server's clock (the test clock when TEST_CLOCK=1). */
export function dashboardNow(): string {
  return appClock().now().toISOString();
}

export type Section<T> = { state: "ok"; data: T } | { state: "missing" } | { state: "error"; description: string };

function section<T>(result: { ok: true; data: T } | { ok: false; error: ApiFailure }): Section<T> {
  if (result.ok) return { state: "ok", data: result.data };
  if (result.error.missing) return { state: "missing" };
  return { state: "error", description: result.error.description };
}

interface TimelineEntry {
  id: string;
  at: string;
  source: "api" | "dashboard";
  action: string;
  who: string;
  note: string | null;
  detail: string;
}

function actorLabel(event: AuditEvent, labels: Map<string, string>): string {
  const { actor } = event;
  let who = actor.type === "system" ? "system" : `${actor.type} ${actor.id ?? ""}`.trim();
  if (actor.on_behalf_of) who = `${labels.get(actor.on_behalf_of) ?? actor.on_behalf_of} (through the dashboard)`;
  if (event.impersonator) who += `, impersonated by ${event.impersonator.type} ${event.impersonator.id ?? ""}`;
  return who;
}

function changesLabel(changes: AuditEvent["changes"]): string {
  return Object.entries(changes)
    .map(([field, change]) => `${field}: ${JSON.stringify(change.before)} → ${JSON.stringify(change.after)}`)
    .join("; ");
}

export interface ChatroomView {
  chatroom: ChatroomDetail;
  messages: Section<Message[]>;
  /** admins_only: the person may not read the change history (the API's audit is ADMIN-only). */
  audit: Section<AuditEvent[]> | { state: "admins_only" };
  timeline: TimelineEntry[];
}

/** The chatroom, its messages and its timeline (API audit events merged with the dashboard's own log). */
export async function loadChatroomView(person: Person, orgId: string, chatroomId: string): Promise<ChatroomView | "not_found" | "missing"> {
  const api = apiFor(person);
  // The API answers the audit to ADMINs only, and the dashboard's own record of changes follows it.
  const history = canReadChangeHistory(person);
  const [room, messages, audit, actions] = await Promise.all([
    api.getChatroom(orgId, chatroomId),
    api.listMessages(orgId, chatroomId),
    history ? api.listAudit(orgId, { chatroom_id: chatroomId, limit: 100 }) : undefined,
    history ? listChatroomActions(orgId, chatroomId) : [],
  ]);
  if (!room.ok) {
    if (room.error.missing) return "missing";
    if (room.error.status === 404 || room.error.status === 403) return "not_found";
    throw new Error(`chatroom API: ${room.error.name}`);
  }
  const auditSection: Section<{ items: AuditEvent[] }> | { state: "admins_only" } = audit ? section(audit) : { state: "admins_only" };
  const events = auditSection.state === "ok" ? auditSection.data.items : [];
  const labels = await accountLabels([...new Set(events.flatMap((event) => (event.actor.on_behalf_of ? [event.actor.on_behalf_of] : [])))]);
  const timeline: TimelineEntry[] = [
    ...events.map((event) => ({
      id: `api-${event.id}`,
      at: event.at,
      source: "api" as const,
      action: event.action,
      who: actorLabel(event, labels),
      note: event.note,
      detail: changesLabel(event.changes),
    })),
    ...actions.map((action) => ({
      id: `dash-${action.id}`,
      at: action.at,
      source: "dashboard" as const,
      action: action.action,
      who: action.accountEmail,
      note: action.note,
      detail: action.status === 200 ? "done" : `refused: ${action.outcome} (${action.status})`,
    })),
  ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : -1));
  const messageSection = section(messages);
  return {
    chatroom: room.data,
    messages: messageSection.state === "ok" ? { state: "ok", data: messageSection.data.items } : messageSection,
    audit: auditSection.state === "ok" ? { state: "ok", data: events } : auditSection,
    timeline,
  };
}

/** R16 with force: the active rooms of the same number on the same WABA phone, and the contact's own. */
export async function loadActivationPreview(person: Person, orgId: string, chatroomId: string): Promise<Section<ChatroomDetail[]>> {
  const api = apiFor(person);
  const room = await api.getChatroom(orgId, chatroomId);
  if (!room.ok) return section(room) as Section<ChatroomDetail[]>;
  const [samePhone, sameContact] = await Promise.all([
    api.listChatrooms(orgId, { phone: room.data.phone_number, remote_phone_id: room.data.remote_phone_id, status: "active", limit: 50 }),
    api.listChatrooms(orgId, { contact_id: room.data.contact_id, status: "active", limit: 50 }),
  ]);
  if (!samePhone.ok) return section(samePhone) as Section<ChatroomDetail[]>;
  if (!sameContact.ok) return section(sameContact) as Section<ChatroomDetail[]>;
  const byId = new Map<string, ChatroomDetail>();
  for (const other of [...samePhone.data.items, ...sameContact.data.items]) {
    if (other.chatroom_id !== chatroomId) byId.set(other.chatroom_id, other);
  }
  return { state: "ok", data: [...byId.values()] };
}

/** Users and groups of an org by id, for showing names instead of ids. */
export async function loadDirectory(person: Person, orgId: string) {
  const api = apiFor(person);
  const [users, groups, wabas] = await Promise.all([api.listUsers(orgId), api.listGroups(orgId), api.listWabas(orgId)]);
  return {
    users: users.ok ? users.data.items : [],
    groups: groups.ok ? groups.data.items : [],
    wabas: wabas.ok ? wabas.data.items : [],
    missing: [users, groups, wabas].some((result) => !result.ok && result.error.missing),
  };
}

/** A contact by id, through the list extensions (the API has no read-one-contact endpoint). */
export async function loadContact(person: Person, orgId: string, contactId: string): Promise<Contact | null> {
  const api = apiFor(person);
  const rooms = await api.listChatrooms(orgId, { contact_id: contactId, limit: 1 });
  const crmId = rooms.ok ? rooms.data.items[0]?.crm_id : undefined;
  if (!crmId) return null;
  const contacts = await api.listContacts(orgId, { q: crmId, limit: 50 });
  return contacts.ok ? (contacts.data.items.find((contact) => contact.id === contactId) ?? null) : null;
}

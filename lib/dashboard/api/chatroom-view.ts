import "server-only";
import { canReadChangeHistory, type Person } from "@/lib/dashboard/session/access";
import { accountNames, listChatroomActions } from "@/lib/dashboard/store";
import { apiFor } from "@/lib/dashboard/api/client";
import { dashboardNow, loadDirectory } from "@/lib/dashboard/api/directory";
import type { AuditEvent, ChatroomDetail, Message } from "@/lib/dashboard/api/schemas";
import { sectionOf, type Section } from "@/lib/dashboard/api/sections";
import { buildTimeline, type TimelineEntry } from "@/lib/dashboard/ui/timeline";

export interface ChatroomView {
  chatroom: ChatroomDetail;
  messages: Section<Message[]>;
  /** Forbidden for a member: the audit is the admins' (the API's rule, which the dashboard follows). */
  timeline: Section<TimelineEntry[]>;
  /** The API keeps no audit this dashboard can read: the timeline holds only what was done through it. */
  auditMissing: boolean;
  now: string;
}

/** The chatroom, its messages and its one timeline (the API's audit merged with the dashboard's own record). */
export async function loadChatroomView(person: Person, orgId: string, chatroomId: string): Promise<ChatroomView | "not_found" | "missing"> {
  const api = apiFor(person);
  const params = { orgId, chatroomId };
  // The API answers the audit to ADMINs only, and the dashboard's own record of changes follows it.
  const history = canReadChangeHistory(person);
  const [room, messages, audit, config, directory] = await Promise.all([
    api("getChatroom", { params }),
    api("listMessages", { params, query: { limit: 200 } }),
    history ? api("listAudit", { params: { orgId }, query: { chatroom_id: chatroomId, limit: 100 } }) : undefined,
    api("getConfig", { params: { orgId } }),
    loadDirectory(person, orgId),
  ]);
  if (!room.ok) {
    if (room.error.missing) return "missing";
    if (room.error.status === 404 || room.error.status === 403) return "not_found";
    throw new Error(`chatroom API: ${room.error.name}`);
  }
  const auditSection: Section<AuditEvent[]> = audit ? sectionOf(audit, (page) => page.items) : { state: "forbidden" };
  let timeline: Section<TimelineEntry[]>;
  if (auditSection.state === "ok" || auditSection.state === "missing") {
    const events = auditSection.state === "ok" ? auditSection.data : null;
    const records = await listChatroomActions(orgId, chatroomId);
    const accounts = [...new Set([...records.map((record) => record.accountId), ...(events ?? []).flatMap((event) => event.actor.on_behalf_of ?? [])])];
    const context = { directory, accountNames: await accountNames(accounts), config: config.ok ? config.data : null };
    timeline = { state: "ok", data: buildTimeline(events, records, context) };
  } else {
    timeline = auditSection;
  }
  return {
    chatroom: room.data,
    messages: sectionOf(messages, (page) => page.items),
    timeline,
    auditMissing: auditSection.state === "missing",
    now: dashboardNow(),
  };
}

/** R16 with force: the active rooms of the same number on the same WABA phone, and the contact's own. */
export async function loadActivationPreview(person: Person, orgId: string, chatroomId: string): Promise<Section<ChatroomDetail[]>> {
  const api = apiFor(person);
  const room = await api("getChatroom", { params: { orgId, chatroomId } });
  if (!room.ok) return sectionOf(room, () => []);
  const [samePhone, sameContact] = await Promise.all([
    api("listChatrooms", {
      params: { orgId },
      query: { phone: room.data.phone_number, remote_phone_id: room.data.remote_phone_id, status: "active", limit: 50 },
    }),
    api("listChatrooms", { params: { orgId }, query: { contact_id: room.data.contact_id, status: "active", limit: 50 } }),
  ]);
  if (!samePhone.ok) return sectionOf(samePhone, () => []);
  if (!sameContact.ok) return sectionOf(sameContact, () => []);
  const byId = new Map<string, ChatroomDetail>();
  for (const other of [...samePhone.data.items, ...sameContact.data.items]) {
    if (other.chatroom_id !== chatroomId) byId.set(other.chatroom_id, other);
  }
  return { state: "ok", data: [...byId.values()] };
}

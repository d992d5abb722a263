import "server-only";
import type { Person } from "@/lib/dashboard/session/access";
import { apiFor } from "@/lib/dashboard/api/client";
import type { ChatroomDetail, Contact } from "@/lib/dashboard/api/schemas";

/**
 * A contact by id. Servers of the upstream contract lack the read-one endpoint: there the contact is found
 * through its chatrooms and the contact search (so one without chatrooms cannot be found).
 */
export async function loadContact(person: Person, orgId: string, contactId: string): Promise<Contact | null> {
  const api = apiFor(person);
  const one = await api("getContact", { params: { orgId, contactId } });
  if (one.ok) return one.data;
  if (!one.error.missing) return null;
  const rooms = await api("listChatrooms", { params: { orgId }, query: { contact_id: contactId, limit: 1 } });
  const crmId = rooms.ok ? rooms.data.items[0]?.crm_id : undefined;
  if (!crmId) return null;
  const contacts = await api("listContacts", { params: { orgId }, query: { q: crmId, limit: 50 } });
  return contacts.ok ? (contacts.data.items.find((contact) => contact.id === contactId) ?? null) : null;
}

/** The contact's active chatroom, if any: what a new chatroom for this contact would meet (R8, R9). */
export async function loadActiveChatroomOf(person: Person, orgId: string, contactId: string): Promise<ChatroomDetail | null> {
  const rooms = await apiFor(person)("listChatrooms", { params: { orgId }, query: { contact_id: contactId, status: "active", limit: 1 } });
  return rooms.ok ? (rooms.data.items[0] ?? null) : null;
}

import "server-only";
import type { Person } from "@/lib/dashboard/session/access";
import { apiFor } from "@/lib/dashboard/api/client";
import type { ChatroomDetail, Contact } from "@/lib/dashboard/api/schemas";
import { sectionOf, type Section } from "@/lib/dashboard/api/sections";
import { groupConflictsByPhone, type ConflictNumber } from "@/lib/dashboard/ui/conflict-groups";

export interface ConflictNumberView extends ConflictNumber {
  /** Every chatroom of the number in the org, on any WABA phone, as it is now (read at page load). */
  rooms: Section<ChatroomDetail[]>;
  /** The contacts that share the number, for names. */
  contacts: Contact[];
}

/** How many numbers' chatrooms are read at once: each number costs two API calls. */
const CONCURRENCY = 6;

async function inBatches<T, U>(items: T[], size: number, run: (item: T) => Promise<U>): Promise<U[]> {
  const results: U[] = [];
  for (let at = 0; at < items.length; at += size) results.push(...(await Promise.all(items.slice(at, at + size).map(run))));
  return results;
}

/**
 * The conflict log's recent numbers, each with the live state of all its chatrooms. `since` (an ISO time)
 * keeps the entries from then on: the log is newest first, so the first older entry ends the list.
 */
export async function loadConflictsView(person: Person, orgId: string, query: { phone?: string; cursor?: string; since?: string }) {
  const api = apiFor(person);
  const log = await api("listConflicts", { params: { orgId }, query: { phone: query.phone, cursor: query.cursor, limit: 50 } });
  if (!log.ok) return { log: sectionOf(log), numbers: [], nextCursor: null };
  const entries = query.since ? log.data.items.filter((entry) => entry.at >= query.since!) : log.data.items;
  const reachedOlder = entries.length < log.data.items.length;
  const numbers = await inBatches(groupConflictsByPhone(entries), CONCURRENCY, async (group): Promise<ConflictNumberView> => {
    const [rooms, contacts] = await Promise.all([
      api("listChatrooms", { params: { orgId }, query: { phone: group.phoneNumber, sort: "activity", limit: 50 } }),
      api("listContacts", { params: { orgId }, query: { q: group.phoneNumber, limit: 50 } }),
    ]);
    return {
      ...group,
      rooms: sectionOf(rooms, (page) => page.items),
      contacts: contacts.ok ? contacts.data.items.filter((contact) => contact.phone_number === group.phoneNumber) : [],
    };
  });
  return { log: { state: "ok" as const, data: null }, numbers, nextCursor: reachedOlder ? null : log.data.next_cursor };
}

import type { ConflictEntry, ConflictLogEntry } from "@/lib/dashboard/api/schemas";

export interface ConflictGroup {
  phoneNumber: string;
  latestAt: string;
  count: number;
  errorCodes: string[];
  contactIds: string[];
  /** The rooms that stood in the way, in their state as of now, each once. */
  rooms: ConflictEntry[];
  /** Whether any of those rooms is still active: the number still needs attention. */
  open: boolean;
}

/** The conflict log (newest first) by phone number, most recent number first. */
export function groupConflictsByPhone(entries: ConflictLogEntry[]): ConflictGroup[] {
  const groups = new Map<string, ConflictGroup>();
  for (const entry of entries) {
    let group = groups.get(entry.phone_number);
    if (!group) {
      group = { phoneNumber: entry.phone_number, latestAt: entry.at, count: 0, errorCodes: [], contactIds: [], rooms: [], open: false };
      groups.set(entry.phone_number, group);
    }
    group.count += 1;
    if (!group.errorCodes.includes(entry.error_code)) group.errorCodes.push(entry.error_code);
    if (entry.contact_id && !group.contactIds.includes(entry.contact_id)) group.contactIds.push(entry.contact_id);
    for (const room of entry.conflicts) {
      if (!group.rooms.some((known) => known.chatroom_id === room.chatroom_id)) group.rooms.push(room);
    }
  }
  for (const group of groups.values()) group.open = group.rooms.some((room) => room.status === "active");
  return [...groups.values()];
}

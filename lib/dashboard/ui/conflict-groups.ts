import type { ConflictLogEntry } from "@/lib/dashboard/api/schemas";

/** One phone number of the conflict log (R25): how often and when it conflicted, and for whom. */
export interface ConflictNumber {
  phoneNumber: string;
  latestAt: string;
  count: number;
  /** The API's error names of its conflicts, each once (shown in words). */
  errorNames: string[];
  /** The contacts a create or an activation was asked for. */
  requestedFor: string[];
}

/** The conflict log (newest first) by phone number, most recent number first. */
export function groupConflictsByPhone(entries: ConflictLogEntry[]): ConflictNumber[] {
  const groups = new Map<string, ConflictNumber>();
  for (const entry of entries) {
    let group = groups.get(entry.phone_number);
    if (!group) {
      group = { phoneNumber: entry.phone_number, latestAt: entry.at, count: 0, errorNames: [], requestedFor: [] };
      groups.set(entry.phone_number, group);
    }
    group.count += 1;
    if (!group.errorNames.includes(entry.error_code)) group.errorNames.push(entry.error_code);
    if (entry.contact_id && !group.requestedFor.includes(entry.contact_id)) group.requestedFor.push(entry.contact_id);
  }
  return [...groups.values()];
}

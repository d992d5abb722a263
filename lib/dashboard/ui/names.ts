import type { ChatroomDetail, Group, OrgUser, Waba } from "@/lib/dashboard/api/schemas";
import { formatPhoneNumber } from "@/lib/dashboard/ui/format";

/** The org's people, groups and phones, for showing names where the API answers ids. */
export interface Directory {
  users: OrgUser[];
  groups: Group[];
  wabas: Waba[];
}

export function userName(directory: Directory, id: string | null): string {
  if (id === null) return "nobody";
  return directory.users.find((user) => user.id === id)?.name ?? "a user no longer in this org";
}

export function groupName(directory: Directory, id: string | null): string {
  return directory.groups.find((group) => group.id === id)?.name ?? "a group no longer in this org";
}

/** A WABA phone as people know it: "+1 555 010 0002 · Acme Sales". */
export function phoneLabel(directory: Directory, remotePhoneId: string): string {
  for (const waba of directory.wabas) {
    const phone = waba.phones.find((candidate) => candidate.remote_phone_id === remotePhoneId);
    if (phone) return `${formatPhoneNumber(phone.display_phone_number)} · ${waba.name}`;
  }
  return "a phone no longer in this org";
}

/** The members of a group who can take a chatroom now (R18: active users only). */
export function activeMembers(directory: Directory, group: Group): OrgUser[] {
  return directory.users.filter((user) => user.active && group.members.includes(user.id));
}

type Assignable = Pick<ChatroomDetail, "members" | "pending_assignment">;

/** Who has the chatroom: its members, else who gets it at the lead's next message, else nobody. */
export function assigneeLabel(directory: Directory, room: Assignable): string {
  if (room.members.length > 0) return room.members.map((member) => userName(directory, member.user_id)).join(", ");
  const pending = room.pending_assignment;
  if (pending) return `${pending.assign_mode === "USER" ? userName(directory, pending.user_id) : groupName(directory, pending.group_id)}, on handover`;
  return "Unassigned";
}

/** A contact's name for reading: first and last name, else the CRM id. */
export function contactName(contact: { first_name: string; last_name: string; crm_id: string }): string {
  return `${contact.first_name} ${contact.last_name}`.trim() || contact.crm_id;
}

/**
 * The contact's name on a chatroom. Rooms named from the contact (R13) read "<crm_id> <first> <last>":
 * the name is what follows the CRM id, which is shown beside it anyway.
 */
export function roomContactName(room: Pick<ChatroomDetail, "display_name" | "crm_id">): string {
  const name = room.display_name.trim();
  if (name.startsWith(`${room.crm_id} `)) return name.slice(room.crm_id.length + 1).trim() || room.crm_id;
  return name || room.crm_id;
}

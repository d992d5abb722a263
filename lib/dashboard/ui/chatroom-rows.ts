import type { ChatroomDetail } from "@/lib/dashboard/api/schemas";
import { formatPhoneNumber } from "@/lib/dashboard/ui/format";
import { assigneeLabel, phoneLabel, roomContactName, type Directory } from "@/lib/dashboard/ui/names";
import { chatroomPath, contactPath } from "@/lib/dashboard/ui/paths";

/** One chatroom as the table shows it: names resolved on the server, so the browser gets no directory. */
export interface ChatroomRow {
  id: string;
  href: string;
  contactName: string;
  crmId: string;
  contactHref: string;
  phoneNumber: string;
  status: string;
  reason: string | null;
  pending: boolean;
  wabaPhone: string;
  assignee: string;
  createdAt: string;
  lastActivityAt: string;
  expiryTs: string;
  deactivationTs: string;
}

/** The columns a person may hide (the contact always shows: it is what a row is). */
export const HIDEABLE_CHATROOM_COLUMNS = ["status", "wabaPhone", "assignee", "created", "activity", "expiry", "deactivation"] as const;

export function chatroomRowOf(orgId: string, room: ChatroomDetail, directory: Directory): ChatroomRow {
  return {
    id: room.chatroom_id,
    href: chatroomPath(orgId, room.chatroom_id),
    contactName: roomContactName(room),
    crmId: room.crm_id,
    contactHref: contactPath(orgId, room.contact_id),
    phoneNumber: formatPhoneNumber(room.phone_number),
    status: room.status,
    reason: room.deactivation_reason,
    pending: room.pending_assignment !== null && room.status === "active",
    wabaPhone: phoneLabel(directory, room.remote_phone_id),
    assignee: assigneeLabel(directory, room),
    createdAt: room.created_at,
    lastActivityAt: room.last_activity_at,
    expiryTs: room.expiry_ts,
    deactivationTs: room.deactivation_ts,
  };
}

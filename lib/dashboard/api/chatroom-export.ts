import "server-only";
import type { Person } from "@/lib/dashboard/session/access";
import { apiFor } from "@/lib/dashboard/api/client";
import { pagedCsv } from "@/lib/dashboard/api/csv-export";
import { loadDirectory } from "@/lib/dashboard/api/directory";
import type { ChatroomFilters } from "@/lib/dashboard/ui/chatroom-filters";
import { apiQueryOf } from "@/lib/dashboard/ui/chatroom-urls";
import { reasonLabel, statusLabel } from "@/lib/dashboard/ui/format";
import { assigneeLabel, phoneLabel, roomContactName } from "@/lib/dashboard/ui/names";

/** Rows per API page read: the list's largest page. */
const PAGE_SIZE = 200;

const HEADER = [
  "Contact",
  "CRM id",
  "Phone number",
  "Status",
  "Deactivation reason",
  "Pending handover",
  "WABA phone",
  "Assignee",
  "Created at (UTC)",
  "Last activity at (UTC)",
  "Expires at (UTC)",
  "Deactivates at (UTC)",
  "Chatroom id",
  "Contact id",
  "WABA phone id",
];

/**
 * The chatroom list under these filters as CSV, read through the API as the person (the same query the list
 * sends, so the file holds exactly the list's rows).
 */
export async function chatroomsCsv(person: Person, orgId: string, filters: ChatroomFilters): Promise<ReadableStream<Uint8Array>> {
  const directory = await loadDirectory(person, orgId);
  const api = apiFor(person);
  return pagedCsv({
    header: HEADER,
    readPage: (cursor) => api("listChatrooms", { params: { orgId }, query: { ...apiQueryOf({ ...filters, cursor }, PAGE_SIZE) } }),
    rowsOf: (rooms) =>
      rooms.map((room) => [
        roomContactName(room),
        room.crm_id,
        room.phone_number,
        statusLabel[room.status] ?? room.status,
        room.deactivation_reason ? (reasonLabel[room.deactivation_reason] ?? room.deactivation_reason) : "",
        room.pending_assignment !== null && room.status === "active" ? "yes" : "no",
        phoneLabel(directory, room.remote_phone_id),
        assigneeLabel(directory, room),
        room.created_at,
        room.last_activity_at,
        room.expiry_ts,
        room.deactivation_ts,
        room.chatroom_id,
        room.contact_id,
        room.remote_phone_id,
      ]),
  });
}

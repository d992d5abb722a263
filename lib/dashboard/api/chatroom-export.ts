import "server-only";
import type { Person } from "@/lib/dashboard/session/access";
import { apiFor } from "@/lib/dashboard/api/client";
import { loadDirectory } from "@/lib/dashboard/api/directory";
import type { ChatroomFilters } from "@/lib/dashboard/ui/chatroom-filters";
import { apiQueryOf } from "@/lib/dashboard/ui/chatroom-urls";
import { csvRow } from "@/lib/dashboard/ui/csv";
import { reasonLabel, statusLabel } from "@/lib/dashboard/ui/format";
import { assigneeLabel, phoneLabel, roomContactName } from "@/lib/dashboard/ui/names";

/** Rows per API page read: the list's largest page. */
const PAGE_SIZE = 200;
/** A rate-limited page is asked for again after a pause, this many times at most. */
const RATE_LIMIT_RETRIES = 30;

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
 * The chatroom list under these filters as CSV, read page by page through the API as the person (the same
 * query the list sends, so the file holds exactly the list's rows) and streamed: one page in memory at a
 * time, the next asked for only when the reader has taken the last. UTF-8 with a byte-order mark, so that
 * spreadsheets read the names right.
 */
export async function chatroomsCsv(person: Person, orgId: string, filters: ChatroomFilters): Promise<ReadableStream<Uint8Array>> {
  const directory = await loadDirectory(person, orgId);
  const api = apiFor(person);
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${csvRow(HEADER)}`));
        return;
      }
      let page = await api("listChatrooms", { params: { orgId }, query: { ...apiQueryOf({ ...filters, cursor }, PAGE_SIZE) } });
      for (let retry = 0; !page.ok && page.error.status === 429 && retry < RATE_LIMIT_RETRIES; retry += 1) {
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        page = await api("listChatrooms", { params: { orgId }, query: { ...apiQueryOf({ ...filters, cursor }, PAGE_SIZE) } });
      }
      if (!page.ok) {
        // The file is cut short rather than passed off as complete: the download fails.
        controller.error(new Error(`export stopped: ${page.error.name}`));
        return;
      }
      const text = page.data.items
        .map((room) =>
          csvRow([
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
        )
        .join("");
      if (text) controller.enqueue(encoder.encode(text));
      cursor = page.data.next_cursor ?? undefined;
      if (!cursor) controller.close();
    },
  });
}

import { z } from "zod";
import { listChatroomsQuerySchema } from "@/lib/chatrooms/schemas";

/**
 * The chatrooms table's filters, sort and page as they live in the URL (so a view can be shared): the API's
 * own list query, with anything unparseable dropped rather than failing the page.
 */
const shape = listChatroomsQuerySchema.shape;
const chatroomFiltersSchema = z.object({
  status: shape.status.catch(undefined),
  q: shape.q.catch(undefined),
  remote_phone_id: shape.remote_phone_id.catch(undefined),
  assignee: shape.assignee.catch(undefined),
  pending_handover: shape.pending_handover.catch(undefined),
  unassigned: shape.unassigned.catch(undefined),
  expiring_within_hours: shape.expiring_within_hours.catch(undefined),
  sort: shape.sort.catch("created"),
  order: shape.order.catch(undefined),
  cursor: shape.cursor.catch(undefined),
});
export type ChatroomFilters = z.infer<typeof chatroomFiltersSchema>;
export type ChatroomSort = ChatroomFilters["sort"];

export function parseChatroomFilters(searchParams: Record<string, string | string[] | undefined>): ChatroomFilters {
  const single = Object.fromEntries(
    Object.entries(searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value === "" ? undefined : value]),
  );
  return chatroomFiltersSchema.parse(single);
}


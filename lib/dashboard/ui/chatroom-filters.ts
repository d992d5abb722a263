import { z } from "zod";
import { listChatroomsQuerySchema } from "@/lib/chatrooms/schemas";
import { filtersHref } from "@/lib/dashboard/ui/chatroom-urls";

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


/**
 * A saved view's query: the list's own filters and sort, checked strictly (an unknown key, a repeated key or
 * a bad value is refused rather than dropped), without a page.
 */
const savedViewQuerySchema = z.strictObject({
  status: shape.status,
  q: shape.q,
  remote_phone_id: shape.remote_phone_id,
  assignee: shape.assignee,
  pending_handover: shape.pending_handover,
  unassigned: shape.unassigned,
  expiring_within_hours: shape.expiring_within_hours,
  sort: shape.sort,
  order: shape.order,
});

/** The canonical query of a view to save (as filtersHref writes it, without "?"), or why it cannot be saved. */
export function savedViewQueryOf(query: string): { ok: true; query: string } | { ok: false; message: string } {
  const params = new URLSearchParams(query.replace(/^\?/, ""));
  const keys = [...params.keys()];
  if (new Set(keys).size !== keys.length) return { ok: false, message: "A filter is given twice." };
  const parsed = savedViewQuerySchema.safeParse(Object.fromEntries(params));
  if (!parsed.success) return { ok: false, message: "These filters cannot be saved as a view: open the list again and choose them there." };
  return { ok: true, query: filtersHref("", parsed.data).replace(/^\?/, "") };
}

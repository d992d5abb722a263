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

/** The window of the "expiring soon" filter. */
export const EXPIRING_SOON_HOURS = 24;

export function parseChatroomFilters(searchParams: Record<string, string | string[] | undefined>): ChatroomFilters {
  const single = Object.fromEntries(
    Object.entries(searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value === "" ? undefined : value]),
  );
  return chatroomFiltersSchema.parse(single);
}

/** Whether any filter narrows the list (sort and page do not). */
export function isFiltered(filters: ChatroomFilters): boolean {
  return Boolean(
    filters.status || filters.q || filters.remote_phone_id || filters.assignee || filters.pending_handover || filters.unassigned || filters.expiring_within_hours,
  );
}

/** The order a sort reads in when none is given: times newest first, deadlines soonest first. */
export function defaultOrder(sort: ChatroomSort): "asc" | "desc" {
  return sort === "created" || sort === "activity" ? "desc" : "asc";
}

/** The list query to send to the API for these filters. */
export function apiQueryOf(filters: ChatroomFilters, limit: number) {
  const flag = (value: boolean | undefined) => (value ? ("true" as const) : undefined);
  return {
    ...filters,
    pending_handover: flag(filters.pending_handover),
    unassigned: flag(filters.unassigned),
    limit,
  };
}

/** The URL of the table with these filters (empty ones and defaults left out). */
export function filtersHref(base: string, filters: Partial<ChatroomFilters>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === "" || value === false) continue;
    if (key === "sort" && value === "created") continue;
    if (key === "order" && value === defaultOrder(filters.sort ?? "created")) continue;
    params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `${base}?${query}` : base;
}

import type { ChatroomFilters, ChatroomSort } from "@/lib/dashboard/ui/chatroom-filters";

/**
 * The chatrooms table's URLs: plain functions without zod, so that the browser's bundle of the list page
 * carries none (parsing the URL happens on the server, in chatroom-filters.ts).
 */
/** The window of the "expiring soon" filter. */
export const EXPIRING_SOON_HOURS = 24;

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

/** The list's filters as a bulk action's `filter` takes them: the list's query values, without sort or page. */
export function bulkFilterOf(filters: ChatroomFilters): Record<string, string> {
  const { sort: _sort, order: _order, cursor: _cursor, limit: _limit, ...filter } = apiQueryOf(filters, 1);
  return Object.fromEntries(Object.entries(filter).flatMap(([key, value]) => (value === undefined || value === "" ? [] : [[key, String(value)]])));
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

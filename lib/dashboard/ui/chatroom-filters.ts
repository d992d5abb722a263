import { z } from "zod";
import { listChatroomsQuerySchema } from "@/lib/chatrooms/schemas";

/**
 * The chatrooms table's filters as they live in the URL (so a view can be shared): the API's own list query,
 * with anything unparseable dropped rather than failing the page.
 */
const shape = listChatroomsQuerySchema.shape;
const chatroomFiltersSchema = z.object({
  status: shape.status.catch(undefined),
  q: shape.q.catch(undefined),
  remote_phone_id: shape.remote_phone_id.catch(undefined),
  assignee: shape.assignee.catch(undefined),
  sort: shape.sort.catch("created"),
  cursor: shape.cursor.catch(undefined),
});
export type ChatroomFilters = z.infer<typeof chatroomFiltersSchema>;

export function parseChatroomFilters(searchParams: Record<string, string | string[] | undefined>): ChatroomFilters {
  const single = Object.fromEntries(
    Object.entries(searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value === "" ? undefined : value]),
  );
  return chatroomFiltersSchema.parse(single);
}

/** The URL of the table with these filters (empty ones left out). */
export function filtersHref(base: string, filters: Partial<ChatroomFilters>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== "" && !(key === "sort" && value === "created")) params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `${base}?${query}` : base;
}

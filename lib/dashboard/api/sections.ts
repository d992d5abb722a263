import type { ApiResult } from "@/lib/dashboard/api/client";
import { explain } from "@/lib/dashboard/ui/messages";

/**
 * A part of a page read from one API call: its data, or why there is none. "missing": the server lacks the
 * extension; "forbidden": the person's role may not read it (the API applies their rights).
 */
export type Section<T> =
  | { state: "ok"; data: T }
  | { state: "missing" }
  | { state: "forbidden" }
  | { state: "error"; title: string; hint: string };

export function sectionOf<T, U = T>(result: ApiResult<T>, pick: (data: T) => U = (data) => data as unknown as U): Section<U> {
  if (result.ok) return { state: "ok", data: pick(result.data) };
  if (result.error.missing) return { state: "missing" };
  if (result.error.status === 403) return { state: "forbidden" };
  return { state: "error", ...explain(result.error.name) };
}

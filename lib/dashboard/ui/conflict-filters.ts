/** The periods the conflicts page offers, in days (the log keeps 90 by default). */
export const CONFLICT_PERIOD_DAYS = [1, 7, 30, 90] as const;

export interface ConflictFilters {
  phone?: string;
  days?: number;
  cursor?: string;
}

const single = (value: string | string[] | undefined) => (typeof value === "string" ? value.trim() : undefined);

/** The conflicts page's filters from its URL; anything unreadable is dropped rather than failing the page. */
export function parseConflictFilters(searchParams: Record<string, string | string[] | undefined>): ConflictFilters {
  const phone = single(searchParams.phone);
  const days = Number(single(searchParams.days));
  const cursor = single(searchParams.cursor);
  return {
    phone: phone ? phone.slice(0, 32) : undefined,
    days: (CONFLICT_PERIOD_DAYS as readonly number[]).includes(days) ? days : undefined,
    cursor: cursor ? cursor.slice(0, 512) : undefined,
  };
}

/** The start of the period, as the API writes times. */
export function conflictsSince(days: number | undefined, now: string): string | undefined {
  return days ? new Date(Date.parse(now) - days * 86_400_000).toISOString() : undefined;
}

import type { OrgsStats } from "@/lib/dashboard/api/schemas";
import { filtersHref } from "@/lib/dashboard/ui/chatroom-urls";
import { formatCount } from "@/lib/dashboard/ui/format";
import { chatroomsPath, conflictsPath } from "@/lib/dashboard/ui/paths";
import { STATS_EXPIRING_HOURS, STATS_RECENT_CONFLICT_DAYS } from "@/lib/stats/schemas";

export type RollupItem = OrgsStats["items"][number];

export const ROLLUP_COLUMNS = [
  "active",
  "unassigned",
  "pending_handover",
  "expiring_soon",
  "recent_conflicts",
  "deactivated_in_period",
  "expired_in_period",
] as const;

export type RollupColumn = (typeof ROLLUP_COLUMNS)[number];
export type RollupSort = { column: RollupColumn | "name"; direction: "asc" | "desc" };

export const rollupColumnLabels: Record<RollupColumn, string> = {
  active: "Active",
  unassigned: "Unassigned",
  pending_handover: "Waiting for a handover",
  expiring_soon: `Expiring in ${STATS_EXPIRING_HOURS}\u00a0h`,
  recent_conflicts: `Conflicts, ${STATS_RECENT_CONFLICT_DAYS} days`,
  deactivated_in_period: "Deactivated, 30 days",
  expired_in_period: "Expired, 30 days",
};

/** One figure of an org; null where the person may not read it (a member and the conflict log). */
export function figureOf(item: RollupItem, column: RollupColumn): number | null {
  return column === "recent_conflicts" ? item.recent_conflicts : item.counts[column];
}

/** The sort a URL asks for: `?sort=<column>&dir=asc|desc`; by name, A to Z, otherwise. */
export function rollupSortOf(search: { sort?: string | string[]; dir?: string | string[] }): RollupSort {
  const column =
    typeof search.sort === "string" && (ROLLUP_COLUMNS as readonly string[]).includes(search.sort)
      ? (search.sort as RollupColumn)
      : "name";
  const fallback = column === "name" ? "asc" : "desc";
  const direction = search.dir === "asc" || search.dir === "desc" ? search.dir : fallback;
  return { column, direction };
}

/** The orgs in that order; ties, and figures nobody may read, by name. */
export function sortRollup(items: readonly RollupItem[], sort: RollupSort): RollupItem[] {
  const byName = (a: RollupItem, b: RollupItem) => a.name.localeCompare(b.name) || a.org_id.localeCompare(b.org_id);
  const sign = sort.direction === "asc" ? 1 : -1;
  return [...items].sort((a, b) => {
    if (sort.column === "name") return sign * byName(a, b);
    const left = figureOf(a, sort.column) ?? -1;
    const right = figureOf(b, sort.column) ?? -1;
    return left === right ? byName(a, b) : sign * (left - right);
  });
}

/** The link of a column header: sorts by it, and the other way round when it is the sort in force. */
export function rollupSortHref(sort: RollupSort, column: RollupColumn | "name"): string {
  const direction =
    sort.column === column ? (sort.direction === "asc" ? "desc" : "asc") : column === "name" ? "asc" : "desc";
  return `/orgs?sort=${column}&dir=${direction}`;
}

/** Each column's total over the orgs; null when no org's figure can be read. */
export function rollupTotals(items: readonly RollupItem[]): Record<RollupColumn, number | null> {
  return Object.fromEntries(
    ROLLUP_COLUMNS.map((column) => {
      const figures = items.map((item) => figureOf(item, column)).filter((figure): figure is number => figure !== null);
      return [column, figures.length === 0 ? null : figures.reduce((sum, figure) => sum + figure, 0)];
    }),
  ) as Record<RollupColumn, number | null>;
}

/** Where a figure of an org leads: the org's list under the filter that shows those chatrooms, or its conflicts. */
export function rollupFigureHref(orgId: string, column: RollupColumn): string | null {
  const list = chatroomsPath(orgId);
  switch (column) {
    case "active":
      return filtersHref(list, { status: "active" });
    case "unassigned":
      return filtersHref(list, { status: "active", unassigned: true });
    case "pending_handover":
      return filtersHref(list, { pending_handover: true });
    case "expiring_soon":
      return filtersHref(list, { expiring_within_hours: STATS_EXPIRING_HOURS });
    case "recent_conflicts":
      return conflictsPath(orgId, { days: STATS_RECENT_CONFLICT_DAYS });
    default:
      return null;
  }
}

/** The org switcher's line under an org's name: "12 active · 3 waiting for a handover · 1 conflict in 7 days". */
export function orgFiguresLine(figures: {
  active: number;
  pendingHandover: number;
  recentConflicts: number | null;
}): string {
  const parts = [
    `${formatCount(figures.active)} active`,
    `${formatCount(figures.pendingHandover)} waiting for a handover`,
  ];
  if (figures.recentConflicts !== null) {
    parts.push(
      `${formatCount(figures.recentConflicts)} ${figures.recentConflicts === 1 ? "conflict" : "conflicts"} in ${STATS_RECENT_CONFLICT_DAYS} days`,
    );
  }
  return parts.join(" · ");
}

import type { OrgStats } from "@/lib/dashboard/api/schemas";
import { filtersHref } from "@/lib/dashboard/ui/chatroom-urls";
import { chatroomsPath } from "@/lib/dashboard/ui/paths";
import { STATS_EXPIRING_HOURS } from "@/lib/stats/schemas";

type CountName = keyof OrgStats["counts"];

export interface OverviewCard {
  name: CountName;
  label: string;
  hint: string;
  /** The chatroom list under the filter that shows exactly these chatrooms; null where the list has no such filter. */
  href: string | null;
}

/** A day of the period for reading: "Mar 4". */
export function dayLabel(date: string): string {
  return new Date(`${date}T00:00:00.000Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
}

/** "Mar 4 to Apr 2" */
export function periodLabel(stats: Pick<OrgStats, "from" | "to">): string {
  return `${dayLabel(stats.from)} to ${dayLabel(stats.to)}`;
}

/** The overview's cards, in reading order, each linking to the filtered list where one exists. */
export function overviewCards(orgId: string, stats: Pick<OrgStats, "from" | "to">): OverviewCard[] {
  const list = chatroomsPath(orgId);
  const period = periodLabel(stats);
  return [
    { name: "active", label: "Active now", hint: "Chatrooms open for messages", href: filtersHref(list, { status: "active" }) },
    { name: "unassigned", label: "Unassigned", hint: "Active, with no agent and no handover waiting", href: filtersHref(list, { status: "active", unassigned: true }) },
    { name: "pending_handover", label: "Waiting for a handover", hint: "Assigned when the lead writes next", href: filtersHref(list, { pending_handover: true }) },
    {
      name: "expiring_soon",
      label: `Expiring in ${STATS_EXPIRING_HOURS}\u00a0h`,
      hint: "Active chatrooms near their expiry",
      href: filtersHref(list, { expiring_within_hours: STATS_EXPIRING_HOURS }),
    },
    { name: "deactivated_in_period", label: "Deactivated", hint: `${period}, by an agent or for inactivity`, href: null },
    { name: "expired_in_period", label: "Expired", hint: `${period}, at the end of their lifetime`, href: null },
  ];
}

/** The chatroom list of one agent's active chatrooms. */
export function agentChatroomsHref(orgId: string, userId: string): string {
  return filtersHref(chatroomsPath(orgId), { status: "active", assignee: userId });
}

/** "12%" of a total; "0%" of nothing. */
export function shareOf(count: number, total: number): string {
  return total === 0 ? "0%" : `${Math.round((count / total) * 100)}%`;
}

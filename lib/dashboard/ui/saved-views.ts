import { chatroomsPath, conflictsPath } from "@/lib/dashboard/ui/paths";

/**
 * The views beside the chatroom list: built-in ones every person has, then the person's own. A view is a
 * named URL query of the list (saved canonical, as filtersHref writes it), so applying one is following a
 * link and the list's URL says which view is on. Plain data without zod, so that the list's bundle carries none.
 */
export interface ViewLink {
  /** "builtin:<key>" or the saved view's id. */
  key: string;
  name: string;
  href: string;
  /** The list's query this view stands for; null for a view of another page. */
  query: string | null;
  /** Set for the person's own views: they may be renamed and deleted. */
  savedId?: string;
}

/** Conflicts in the last this many days make "Conflicts this week". */
const CONFLICTS_WEEK_DAYS = 7;

/**
 * The list's filters cannot say "unassigned or pending handover" in one query (`unassigned` excludes rooms
 * with a pending assignment), so "Needs an agent" is the active rooms nobody holds or is about to, and the
 * pending handovers have their own view beside it.
 */
const BUILT_IN_QUERIES = [
  { key: "needs-agent", name: "Needs an agent", query: "status=active&unassigned=true&sort=activity" },
  { key: "pending-handover", name: "Pending handover", query: "pending_handover=true&sort=activity" },
  { key: "expiring-24h", name: "Expiring in 24 h", query: "expiring_within_hours=24&sort=expiry" },
] as const;

const withQuery = (base: string, query: string) => (query ? `${base}?${query}` : base);

export function viewLinks(orgId: string, saved: readonly { id: string; name: string; query: string }[]): ViewLink[] {
  const list = chatroomsPath(orgId);
  return [
    ...BUILT_IN_QUERIES.map((view) => ({
      key: `builtin:${view.key}`,
      name: view.name,
      href: withQuery(list, view.query),
      query: view.query,
    })),
    {
      key: "builtin:conflicts-week",
      name: "Conflicts this week",
      href: conflictsPath(orgId, { days: CONFLICTS_WEEK_DAYS }),
      query: null,
    },
    ...saved.map((view) => ({
      key: view.id,
      name: view.name,
      href: withQuery(list, view.query),
      query: view.query,
      savedId: view.id,
    })),
  ];
}

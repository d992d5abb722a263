import { csvDownloadHeaders } from "@/lib/dashboard/api/csv-export";
import { dashboardNow } from "@/lib/dashboard/api/directory";
import { conflictsCsv } from "@/lib/dashboard/api/log-exports";
import { canPerform } from "@/lib/dashboard/session/access";
import { withPersonInOrg } from "@/lib/dashboard/session/data-route";
import { conflictsSince, parseConflictFilters } from "@/lib/dashboard/ui/conflict-filters";

/** The conflict log under the conflicts page's filters as a CSV download, streamed; for those who may read the page. */
export const GET = withPersonInOrg<{ orgId: string }>(async ({ person, params, url }) => {
  if (!canPerform(person, "org.conflicts")) return undefined;
  const { phone, days } = parseConflictFilters(Object.fromEntries(url.searchParams));
  const now = dashboardNow();
  return new Response(await conflictsCsv(person, params.orgId, { phone, since: conflictsSince(days, now) }), {
    headers: csvDownloadHeaders("conflicts", params.orgId, now),
  });
});

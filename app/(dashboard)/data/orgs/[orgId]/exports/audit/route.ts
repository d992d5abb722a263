import { csvDownloadHeaders } from "@/lib/dashboard/api/csv-export";
import { dashboardNow } from "@/lib/dashboard/api/directory";
import { auditCsv } from "@/lib/dashboard/api/log-exports";
import { canReadChangeHistory } from "@/lib/dashboard/session/access";
import { withPersonInOrg } from "@/lib/dashboard/session/data-route";
import { parseAuditFilters } from "@/lib/dashboard/ui/audit-log";

/** The audit log under the audit page's filters as a CSV download, streamed; for those who may read the page. */
export const GET = withPersonInOrg<{ orgId: string }>(async ({ person, params, url }) => {
  if (!canReadChangeHistory(person)) return undefined;
  const { cursor: _page, ...filters } = parseAuditFilters(Object.fromEntries(url.searchParams));
  return new Response(await auditCsv(person, params.orgId, filters), {
    headers: csvDownloadHeaders("audit", params.orgId, dashboardNow()),
  });
});

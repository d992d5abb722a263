import { chatroomsCsv } from "@/lib/dashboard/api/chatroom-export";
import { csvDownloadHeaders } from "@/lib/dashboard/api/csv-export";
import { dashboardNow } from "@/lib/dashboard/api/directory";
import { withPersonInOrg } from "@/lib/dashboard/session/data-route";
import { parseChatroomFilters } from "@/lib/dashboard/ui/chatroom-filters";

/** The chatroom list under the URL's filters as a CSV download, streamed. */
export const GET = withPersonInOrg<{ orgId: string }>(async ({ person, params, url }) => {
  const filters = parseChatroomFilters({ ...Object.fromEntries(url.searchParams), cursor: undefined });
  return new Response(await chatroomsCsv(person, params.orgId, filters), { headers: csvDownloadHeaders("chatrooms", params.orgId, dashboardNow()) });
});

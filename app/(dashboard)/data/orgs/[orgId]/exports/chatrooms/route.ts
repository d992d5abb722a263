import { chatroomsCsv } from "@/lib/dashboard/api/chatroom-export";
import { dashboardNow } from "@/lib/dashboard/api/directory";
import { withPersonInOrg } from "@/lib/dashboard/session/data-route";
import { parseChatroomFilters } from "@/lib/dashboard/ui/chatroom-filters";

/** The chatroom list under the URL's filters as a CSV download, streamed. */
export const GET = withPersonInOrg<{ orgId: string }>(async ({ person, params, url }) => {
  const filters = parseChatroomFilters({ ...Object.fromEntries(url.searchParams), cursor: undefined });
  const day = dashboardNow().slice(0, 10);
  return new Response(await chatroomsCsv(person, params.orgId, filters), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="chatrooms-${params.orgId.replace(/[^\w-]/g, "_")}-${day}.csv"`,
      "cache-control": "no-store",
    },
  });
});

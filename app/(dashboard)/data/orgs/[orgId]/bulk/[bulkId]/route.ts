import { loadBulkJob } from "@/lib/dashboard/api/operations";
import { withPersonInOrg } from "@/lib/dashboard/session/data-route";

export const GET = withPersonInOrg<{ orgId: string; bulkId: string }>(({ person, params, url }) =>
  loadBulkJob(person, params.orgId, params.bulkId, url.searchParams.get("cursor") ?? undefined),
);

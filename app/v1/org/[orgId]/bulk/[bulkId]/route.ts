import { endpoints } from "@/lib/api/endpoints";
import { withApi, apiRoute } from "@/lib/api/handler";
import { getBulkJobDetail } from "@/lib/bulk/jobs";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withApi(endpoints.getBulk, ({ services, context, params, query }) =>
    getBulkJobDetail(services.db, { orgId: context.orgId, bulkId: params.bulkId!, ...query }),
  ),
});

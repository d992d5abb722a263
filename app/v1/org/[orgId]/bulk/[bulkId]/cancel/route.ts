import { endpoints } from "@/lib/api/endpoints";
import { withApi, apiRoute } from "@/lib/api/handler";
import { cancelBulkJob } from "@/lib/bulk/jobs";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: withApi(endpoints.cancelBulk, ({ services, context, params }) => cancelBulkJob(services, context, { bulkId: params.bulkId! })),
});

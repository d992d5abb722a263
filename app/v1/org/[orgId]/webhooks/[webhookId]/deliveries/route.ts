import { endpoints } from "@/lib/api/endpoints";
import { withApi, apiRoute } from "@/lib/api/handler";
import { listDeliveries } from "@/lib/webhooks/service";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withApi(endpoints.listDeliveries, ({ services, context, params, query }) =>
    listDeliveries(services.db, { orgId: context.orgId, webhookId: params.webhookId!, status: query.status, cursor: query.cursor, limit: query.limit }),
  ),
});

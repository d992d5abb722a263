import { endpoints } from "@/lib/api/endpoints";
import { withApi, apiRoute } from "@/lib/api/handler";
import { redeliver } from "@/lib/webhooks/service";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: withApi(endpoints.redeliver, ({ services, context, params }) =>
    redeliver(services, context, { webhookId: params.webhookId!, deliveryId: params.deliveryId! }),
  ),
});

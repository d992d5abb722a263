import { endpoints } from "@/lib/api/endpoints";
import { withApi, apiRoute } from "@/lib/api/handler";
import { pingWebhook } from "@/lib/webhooks/service";
import { configuredTargetPolicy } from "@/lib/webhooks/targets";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: withApi(endpoints.pingWebhook, ({ services, context, params }) =>
    pingWebhook(services, context, { webhookId: params.webhookId! }, configuredTargetPolicy()),
  ),
});

import { endpoints } from "@/lib/api/endpoints";
import { withApi, apiRoute } from "@/lib/api/handler";
import { deleteWebhook, getWebhook, updateWebhook } from "@/lib/webhooks/service";
import { configuredTargetPolicy } from "@/lib/webhooks/targets";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withApi(endpoints.getWebhook, ({ services, context, params }) =>
    getWebhook(services.db, { orgId: context.orgId, webhookId: params.webhookId! }),
  ),
  PATCH: withApi(endpoints.updateWebhook, ({ services, context, params, body }) =>
    updateWebhook(services, context, { webhookId: params.webhookId!, ...body }, configuredTargetPolicy()),
  ),
  DELETE: withApi(endpoints.deleteWebhook, ({ services, context, params }) => deleteWebhook(services, context, { webhookId: params.webhookId! })),
});

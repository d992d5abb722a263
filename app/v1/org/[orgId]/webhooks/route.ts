import { endpoints } from "@/lib/api/endpoints";
import { withApi, apiRoute } from "@/lib/api/handler";
import { createWebhook, listWebhooks } from "@/lib/webhooks/service";
import { configuredTargetPolicy } from "@/lib/webhooks/targets";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withApi(endpoints.listWebhooks, ({ services, context }) => listWebhooks(services.db, { orgId: context.orgId })),
  POST: withApi(endpoints.createWebhook, ({ services, context, body }) => createWebhook(services, context, body, configuredTargetPolicy())),
});

import { endpoints } from "@/lib/api/endpoints";
import { withApi, apiRoute } from "@/lib/api/handler";
import { getOrgConfig, updateOrgConfig } from "@/lib/orgs/service";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withApi(endpoints.getConfig, ({ services, context }) => getOrgConfig(services.db, context)),
  PUT: withApi(endpoints.updateConfig, ({ services, context, body }) => updateOrgConfig(services, context, body)),
});

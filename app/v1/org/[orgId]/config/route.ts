import { withApi, apiRoute } from "@/lib/api/handler";
import { updateOrgConfigBodySchema } from "@/lib/orgs/schemas";
import { getOrgConfig, updateOrgConfig } from "@/lib/orgs/service";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withApi({ role: "MEMBER", impersonation: "allowed", partner: "allowed" }, ({ services, context }) =>
    getOrgConfig(services.db, context),
  ),
  PUT: withApi(
    { role: "ADMIN", impersonation: "refused", partner: "allowed", body: updateOrgConfigBodySchema },
    ({ services, context, body }) => updateOrgConfig(services, context, body),
  ),
});

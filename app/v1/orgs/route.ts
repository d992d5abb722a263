import { endpoints } from "@/lib/api/endpoints";
import { withApi, apiRoute } from "@/lib/api/handler";
import { visibleOrgs } from "@/lib/api/authenticate";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withApi(endpoints.listOrgs, async ({ services, principal, actor, context }) => ({
    items: await visibleOrgs(services.db, principal, actor.impersonator ? context.orgId : undefined),
  })),
});

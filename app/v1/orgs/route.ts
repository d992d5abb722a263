import { withApi, apiRoute } from "@/lib/api/handler";
import { visibleOrgs } from "@/lib/api/authenticate";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withApi({ role: "MEMBER", impersonation: "allowed", partner: "allowed", orgScoped: false }, async ({ services, principal, actor, context }) => ({
    items: await visibleOrgs(services.db, principal, actor.impersonator ? context.orgId : undefined),
  })),
});

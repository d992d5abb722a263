import { endpoints } from "@/lib/api/endpoints";
import { withApi, apiRoute } from "@/lib/api/handler";
import { visibleOrgs } from "@/lib/api/authenticate";
import { orgsStats } from "@/lib/stats/overview";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withApi(endpoints.orgsStats, async ({ services, principal, actor, context }) =>
    orgsStats(services.db, {
      orgs: await visibleOrgs(services.db, principal, actor.impersonator ? context.orgId : undefined),
      now: services.clock.now(),
      includeConflicts: actor.role === "ADMIN",
    }),
  ),
});

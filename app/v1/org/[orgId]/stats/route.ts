import { endpoints } from "@/lib/api/endpoints";
import { withApi, apiRoute } from "@/lib/api/handler";
import { orgStats } from "@/lib/stats/overview";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withApi(endpoints.orgStats, ({ services, context, query }) =>
    orgStats(services.db, {
      orgId: context.orgId,
      now: services.clock.now(),
      from: query.from,
      to: query.to,
      includeConflicts: context.actor.role === "ADMIN",
    }),
  ),
});

import { endpoints } from "@/lib/api/endpoints";
import { withApi, apiRoute } from "@/lib/api/handler";
import { listConflicts } from "@/lib/chatrooms/conflicts";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withApi(endpoints.listConflicts, ({ services, context, query }) =>
    listConflicts(services.db, { orgId: context.orgId, now: services.clock.now(), ...query }),
  ),
});

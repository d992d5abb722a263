import { withApi, apiRoute } from "@/lib/api/handler";
import { listConflicts } from "@/lib/chatrooms/conflicts";
import { listConflictsQuerySchema } from "@/lib/chatrooms/schemas";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withApi(
    { role: "ADMIN", impersonation: "allowed", partner: "allowed", query: listConflictsQuerySchema },
    ({ services, context, query }) => listConflicts(services.db, { orgId: context.orgId, now: services.clock.now(), ...query }),
  ),
});

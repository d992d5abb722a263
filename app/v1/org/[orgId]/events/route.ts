import { endpoints } from "@/lib/api/endpoints";
import { withApi, apiRoute } from "@/lib/api/handler";
import { listEvents } from "@/lib/events/read";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withApi(endpoints.listEvents, ({ services, context, actor, query }) =>
    listEvents(services.db, { orgId: context.orgId, actor, after: query.after, types: query.types, limit: query.limit }),
  ),
});

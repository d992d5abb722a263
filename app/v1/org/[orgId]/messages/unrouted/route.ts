import { endpoints } from "@/lib/api/endpoints";
import { withApi, apiRoute } from "@/lib/api/handler";
import { listUnroutedMessages } from "@/lib/messages/service";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withApi(endpoints.listUnroutedMessages, ({ services, context, query }) =>
    listUnroutedMessages(services.db, { orgId: context.orgId, cursor: query.cursor, limit: query.limit }),
  ),
});

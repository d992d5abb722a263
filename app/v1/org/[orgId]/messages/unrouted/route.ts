import { withApi, apiRoute } from "@/lib/api/handler";
import { listMessagesQuerySchema } from "@/lib/messages/schemas";
import { listUnroutedMessages } from "@/lib/messages/service";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withApi(
    { role: "ADMIN", impersonation: "allowed", partner: "allowed", query: listMessagesQuerySchema },
    ({ services, context, query }) => listUnroutedMessages(services.db, { orgId: context.orgId, cursor: query.cursor, limit: query.limit }),
  ),
});

import { endpoints } from "@/lib/api/endpoints";
import { withApi, apiRoute } from "@/lib/api/handler";
import { listAuditEvents } from "@/lib/audit/list";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withApi(endpoints.listAudit, ({ services, context, query }) =>
    listAuditEvents(services.db, {
      orgId: context.orgId,
      chatroomId: query.chatroom_id,
      actor: query.actor,
      action: query.action,
      bulkId: query.bulk_id,
      cursor: query.cursor,
      limit: query.limit,
    }),
  ),
});

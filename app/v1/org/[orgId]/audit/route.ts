import { withApi, apiRoute } from "@/lib/api/handler";
import { listAuditEvents } from "@/lib/audit/list";
import { listAuditQuerySchema } from "@/lib/chatrooms/schemas";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withApi(
    { role: "ADMIN", impersonation: "allowed", partner: "allowed", query: listAuditQuerySchema },
    ({ services, context, query }) =>
      listAuditEvents(services.db, {
        orgId: context.orgId,
        chatroomId: query.chatroom_id,
        actor: query.actor,
        action: query.action,
        cursor: query.cursor,
        limit: query.limit,
      }),
  ),
});

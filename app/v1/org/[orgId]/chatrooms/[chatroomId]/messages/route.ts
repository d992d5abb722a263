import { withApi, apiRoute } from "@/lib/api/handler";
import { listMessagesQuerySchema, sendMessageBodySchema } from "@/lib/messages/schemas";
import { listChatroomMessages, sendMessage } from "@/lib/messages/service";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withApi(
    { role: "MEMBER", impersonation: "allowed", partner: "allowed", query: listMessagesQuerySchema },
    ({ services, context, actor, params, query }) =>
      listChatroomMessages(services.db, { orgId: context.orgId, chatroomId: params.chatroomId!, actor, cursor: query.cursor, limit: query.limit }),
  ),
  // MEMBER here; the domain admits only the chatroom's current members and ADMINs.
  POST: withApi(
    { role: "MEMBER", impersonation: "allowed", partner: "allowed", body: sendMessageBodySchema },
    ({ services, context, params, body }) => sendMessage(services, context, { chatroomId: params.chatroomId!, text: body.text }),
  ),
});

import { endpoints } from "@/lib/api/endpoints";
import { withApi, apiRoute } from "@/lib/api/handler";
import { listChatroomMessages, sendMessage } from "@/lib/messages/service";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withApi(endpoints.listMessages, ({ services, context, actor, params, query }) =>
    listChatroomMessages(services.db, {
      orgId: context.orgId,
      chatroomId: params.chatroomId!,
      actor,
      cursor: query.cursor,
      limit: query.limit,
    }),
  ),
  POST: withApi(endpoints.sendMessage, ({ services, context, params, body }) =>
    sendMessage(services, context, { chatroomId: params.chatroomId!, text: body.text }),
  ),
});

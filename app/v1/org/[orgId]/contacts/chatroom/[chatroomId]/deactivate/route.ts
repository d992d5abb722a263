import { endpoints } from "@/lib/api/endpoints";
import { withApi, apiRoute } from "@/lib/api/handler";
import { deactivateChatroom } from "@/lib/chatrooms/service";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  PUT: withApi(endpoints.deactivate, ({ services, context, params, body }) =>
    deactivateChatroom(services, context, { chatroomId: params.chatroomId!, reason: body.deactivation_reason }),
  ),
});

import { endpoints } from "@/lib/api/endpoints";
import { withApi, apiRoute } from "@/lib/api/handler";
import { activateChatroom } from "@/lib/chatrooms/service";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  PUT: withApi(endpoints.activate, ({ services, context, params, query }) =>
    activateChatroom(services, context, { chatroomId: params.chatroomId!, forceDeactivate: query.force_deactivate }),
  ),
});

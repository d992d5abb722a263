import { withApi, apiRoute } from "@/lib/api/handler";
import { activateQuerySchema } from "@/lib/chatrooms/schemas";
import { activateChatroom } from "@/lib/chatrooms/service";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  PUT: withApi(
    { role: "ADMIN", impersonation: "refused", partner: "allowed", query: activateQuerySchema },
    ({ services, context, params, query }) =>
      activateChatroom(services, context, { chatroomId: params.chatroomId!, forceDeactivate: query.force_deactivate }),
  ),
});

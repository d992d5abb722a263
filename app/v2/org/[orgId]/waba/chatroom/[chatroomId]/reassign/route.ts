import { endpoints } from "@/lib/api/endpoints";
import { withApi, apiRoute } from "@/lib/api/handler";
import { reassignChatroom } from "@/lib/chatrooms/service";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: withApi(endpoints.reassignV2, ({ services, context, params, body }) =>
    reassignChatroom(services, context, {
      chatroomId: params.chatroomId!,
      assignment: { mode: "USER", userId: body.user_id, onHandover: false },
    }),
  ),
});

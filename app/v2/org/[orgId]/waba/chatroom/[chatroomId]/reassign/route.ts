import { withApi, apiRoute } from "@/lib/api/handler";
import { reassignV2BodySchema } from "@/lib/chatrooms/schemas";
import { reassignChatroom } from "@/lib/chatrooms/service";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: withApi(
    { role: "ADMIN", impersonation: "refused", partner: "allowed", body: reassignV2BodySchema },
    ({ services, context, params, body }) =>
      reassignChatroom(services, context, {
        chatroomId: params.chatroomId!,
        assignment: { mode: "USER", userId: body.user_id, onHandover: false },
      }),
  ),
});

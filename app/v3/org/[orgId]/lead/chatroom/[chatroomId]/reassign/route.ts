import { endpoints } from "@/lib/api/endpoints";
import { withApi, apiRoute } from "@/lib/api/handler";
import { toAssignmentRequest } from "@/lib/chatrooms/schemas";
import { reassignChatroom } from "@/lib/chatrooms/service";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: withApi(endpoints.reassignV3, ({ services, context, params, body }) =>
    reassignChatroom(services, context, {
      chatroomId: params.chatroomId!,
      assignment: toAssignmentRequest(body.assign_details),
    }),
  ),
});

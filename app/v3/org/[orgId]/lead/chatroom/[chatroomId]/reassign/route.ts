import { withApi, apiRoute } from "@/lib/api/handler";
import { reassignV3BodySchema, toAssignmentRequest } from "@/lib/chatrooms/schemas";
import { reassignChatroom } from "@/lib/chatrooms/service";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: withApi(
    { role: "ADMIN", impersonation: "refused", partner: "allowed", body: reassignV3BodySchema },
    ({ services, context, params, body }) =>
      reassignChatroom(services, context, {
        chatroomId: params.chatroomId!,
        assignment: toAssignmentRequest(body.assign_details),
      }),
  ),
});

import { withApi, apiRoute } from "@/lib/api/handler";
import { deactivateBodySchema } from "@/lib/chatrooms/schemas";
import { deactivateChatroom } from "@/lib/chatrooms/service";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  PUT: withApi(
    { role: "ADMIN", impersonation: "allowed", partner: "allowed", body: deactivateBodySchema },
    ({ services, context, params, body }) =>
      deactivateChatroom(services, context, { chatroomId: params.chatroomId!, reason: body.deactivation_reason }),
  ),
});

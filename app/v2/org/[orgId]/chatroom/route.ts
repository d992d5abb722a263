import { withApi, apiRoute } from "@/lib/api/handler";
import { createChatroomV2BodySchema, createInputFromV2 } from "@/lib/chatrooms/schemas";
import { createChatroom } from "@/lib/chatrooms/service";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: withApi(
    { role: "ADMIN", impersonation: "refused", partner: "allowed", body: createChatroomV2BodySchema },
    ({ services, context, body }) => createChatroom(services, context, createInputFromV2(body)),
  ),
});

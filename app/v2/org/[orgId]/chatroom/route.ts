import { endpoints } from "@/lib/api/endpoints";
import { withApi, apiRoute } from "@/lib/api/handler";
import { createInputFromV2 } from "@/lib/chatrooms/schemas";
import { createChatroom } from "@/lib/chatrooms/service";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: withApi(endpoints.createChatroomV2, ({ services, context, body }) =>
    createChatroom(services, context, createInputFromV2(body)),
  ),
});

import { endpoints } from "@/lib/api/endpoints";
import { withApi, apiRoute } from "@/lib/api/handler";
import { createInputFromV3 } from "@/lib/chatrooms/schemas";
import { createChatroom } from "@/lib/chatrooms/service";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: withApi(endpoints.createChatroomV3, ({ services, context, body }) =>
    createChatroom(services, context, createInputFromV3(body)),
  ),
});

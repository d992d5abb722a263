import { endpoints } from "@/lib/api/endpoints";
import { withApi, apiRoute } from "@/lib/api/handler";
import { getChatroomDetail } from "@/lib/chatrooms/list";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withApi(endpoints.getChatroom, ({ services, context, params }) =>
    getChatroomDetail(services.db, { orgId: context.orgId, chatroomId: params.chatroomId!, now: services.clock.now() }),
  ),
});

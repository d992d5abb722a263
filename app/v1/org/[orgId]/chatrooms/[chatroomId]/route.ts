import { withApi, apiRoute } from "@/lib/api/handler";
import { getChatroomDetail } from "@/lib/chatrooms/list";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withApi({ role: "MEMBER", impersonation: "allowed", partner: "allowed" }, ({ services, context, params }) =>
    getChatroomDetail(services.db, { orgId: context.orgId, chatroomId: params.chatroomId!, now: services.clock.now() }),
  ),
});

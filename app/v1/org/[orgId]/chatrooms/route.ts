import { withApi, apiRoute } from "@/lib/api/handler";
import { listChatrooms } from "@/lib/chatrooms/list";
import { listChatroomsQuerySchema } from "@/lib/chatrooms/schemas";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withApi(
    { role: "MEMBER", impersonation: "allowed", partner: "allowed", query: listChatroomsQuerySchema },
    ({ services, context, query }) =>
      listChatrooms(services.db, {
        orgId: context.orgId,
        now: services.clock.now(),
        status: query.status,
        q: query.q,
        phone: query.phone,
        contactId: query.contact_id,
        remotePhoneId: query.remote_phone_id,
        assignee: query.assignee,
        sort: query.sort,
        cursor: query.cursor,
        limit: query.limit,
      }),
  ),
});

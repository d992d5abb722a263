import { endpoints } from "@/lib/api/endpoints";
import { withApi, apiRoute } from "@/lib/api/handler";
import { listChatrooms } from "@/lib/chatrooms/list";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withApi(endpoints.listChatrooms, ({ services, context, query }) =>
    listChatrooms(services.db, {
      orgId: context.orgId,
      now: services.clock.now(),
      status: query.status,
      q: query.q,
      phone: query.phone,
      contactId: query.contact_id,
      remotePhoneId: query.remote_phone_id,
      assignee: query.assignee,
      pendingHandover: query.pending_handover,
      unassigned: query.unassigned,
      expiringWithinHours: query.expiring_within_hours,
      sort: query.sort,
      order: query.order,
      cursor: query.cursor,
      limit: query.limit,
    }),
  ),
});

import { endpoints } from "@/lib/api/endpoints";
import { withApi, apiRoute } from "@/lib/api/handler";
import { listChatrooms } from "@/lib/chatrooms/list";
import { toChatroomFilter } from "@/lib/chatrooms/schemas";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withApi(endpoints.listChatrooms, ({ services, context, query }) =>
    listChatrooms(services.db, {
      orgId: context.orgId,
      now: services.clock.now(),
      ...toChatroomFilter(query),
      sort: query.sort,
      order: query.order,
      cursor: query.cursor,
      limit: query.limit,
    }),
  ),
});

import { endpoints } from "@/lib/api/endpoints";
import { withApi, apiRoute } from "@/lib/api/handler";
import { openEventStream } from "@/lib/events/stream";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withApi(endpoints.streamEvents, ({ services, context, actor, query, request }) =>
    openEventStream(services.db, {
      orgId: context.orgId,
      actor,
      lastEventId: request.headers.get("last-event-id"),
      after: query.after,
      types: query.types,
      signal: request.signal,
    }),
  ),
});

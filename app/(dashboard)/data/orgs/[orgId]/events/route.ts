import { relayEventStream } from "@/lib/dashboard/api/client";
import { withPersonInOrg } from "@/lib/dashboard/session/data-route";

export const GET = withPersonInOrg<{ orgId: string }>(({ person, params, url, request }) =>
  relayEventStream(person, params.orgId, {
    lastEventId: request.headers.get("last-event-id"),
    after: url.searchParams.get("after"),
    types: url.searchParams.get("types"),
    signal: request.signal,
  }),
);

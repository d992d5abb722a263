import "server-only";
import { takeToken } from "@/lib/api/rate-limit";
import { appClock } from "@/lib/app-clock";
import { getDatabase } from "@/lib/db";
import { env } from "@/lib/env";
import { canSeeOrg, type Person } from "@/lib/dashboard/session/access";
import { currentPerson } from "@/lib/dashboard/session/person";

const noStore = { "cache-control": "no-store" };

/**
 * The dashboard's data requests (read by react-query in the browser): the same person and org checks as
 * the pages; an org one may not see answers 404 exactly like one that does not exist. Each person has a
 * rate-limit bucket of their own, so one person's burst never slows anyone else's pages.
 */
export function withPersonInOrg<P extends { orgId: string }>(
  handler: (input: { person: Person; params: P; url: URL; request: Request }) => Promise<unknown>,
) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    const params = await context.params;
    const person = await currentPerson();
    if (!person) return Response.json({ error: "UNAUTHORIZED" }, { status: 401, headers: noStore });
    if (!canSeeOrg(person, params.orgId)) return Response.json({ error: "NOT_FOUND" }, { status: 404, headers: noStore });
    const { db } = await getDatabase();
    const config = env();
    const limit = { perSecond: config.RATE_LIMIT_PER_SECOND, burst: config.RATE_LIMIT_BURST };
    const rate = await takeToken(db, `dashboard:account:${person.accountId}`, limit, appClock().now());
    if (!rate.allowed) {
      return Response.json({ error: "RATE_LIMITED" }, { status: 429, headers: { ...noStore, "retry-after": String(rate.retryAfterSeconds) } });
    }
    const body = await handler({ person, params, url: new URL(request.url), request });
    // A handler that relays a stream (the org's events) answers with its own Response.
    if (body instanceof Response) return body;
    if (body === undefined) return Response.json({ error: "NOT_FOUND" }, { status: 404, headers: noStore });
    return Response.json(body, { headers: noStore });
  };
}

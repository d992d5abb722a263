import "server-only";
import { canSeeOrg, type Person } from "@/lib/dashboard/session/access";
import { currentPerson } from "@/lib/dashboard/session/person";

/**
 * The dashboard's data requests (read by react-query in the browser): the same person and org checks as
 * the pages; an org one may not see answers 404 exactly like one that does not exist.
 */
export function withPersonInOrg<P extends { orgId: string }>(
  handler: (input: { person: Person; params: P; url: URL; request: Request }) => Promise<unknown>,
) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    const params = await context.params;
    const person = await currentPerson();
    if (!person) return Response.json({ error: "UNAUTHORIZED" }, { status: 401, headers: { "cache-control": "no-store" } });
    if (!canSeeOrg(person, params.orgId)) return Response.json({ error: "NOT_FOUND" }, { status: 404, headers: { "cache-control": "no-store" } });
    const body = await handler({ person, params, url: new URL(request.url), request });
    // A handler that relays a stream (the org's events) answers with its own Response.
    if (body instanceof Response) return body;
    if (body === undefined) return Response.json({ error: "NOT_FOUND" }, { status: 404, headers: { "cache-control": "no-store" } });
    return Response.json(body, { headers: { "cache-control": "no-store" } });
  };
}

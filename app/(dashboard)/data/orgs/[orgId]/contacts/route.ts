import { apiFor } from "@/lib/dashboard/api/client";
import { loadActiveChatroomOf } from "@/lib/dashboard/api/contact-view";
import { withPersonInOrg } from "@/lib/dashboard/session/data-route";

/** The create form's contact search; `active_of` instead reads what a new chatroom for that contact would meet. */
export const GET = withPersonInOrg<{ orgId: string }>(async ({ person, params, url }) => {
  const activeOf = url.searchParams.get("active_of");
  if (activeOf) return { state: "ok", active: await loadActiveChatroomOf(person, params.orgId, activeOf.slice(0, 128)) };
  const result = await apiFor(person)("listContacts", { params: { orgId: params.orgId }, query: { q: (url.searchParams.get("q") ?? "").slice(0, 128), limit: 20 } });
  return result.ok ? { state: "ok", items: result.data.items } : { state: result.error.missing ? "missing" : "error", items: [] };
});

import { apiFor } from "@/lib/dashboard/api/client";
import { withPersonInOrg } from "@/lib/dashboard/session/data-route";

export const GET = withPersonInOrg<{ orgId: string }>(async ({ person, params, url }) => {
  const result = await apiFor(person).listContacts(params.orgId, { q: (url.searchParams.get("q") ?? "").slice(0, 128), limit: 20 });
  return result.ok ? { state: "ok", items: result.data.items } : { state: result.error.missing ? "missing" : "error", items: [] };
});

import "server-only";
import { cache } from "react";
import { canSeeOrg, type Person } from "@/lib/dashboard/session/access";
import { apiFor, type ApiResult } from "@/lib/dashboard/api/client";
import type { Org, OrgsStats } from "@/lib/dashboard/api/schemas";
import { sectionOf, type Section } from "@/lib/dashboard/api/sections";

/**
 * The orgs this person may see, as the API knows them (once per request). A failure is returned for the
 * page to say in words (a refused credential, an API that does not answer), not thrown.
 */
export const visibleOrgsOf = cache(async (person: Person): Promise<ApiResult<Org[]>> => {
  const result = await apiFor(person)("listOrgs", { params: {} });
  if (!result.ok) {
    if (!result.error.missing) return result;
    return { ok: true, requestId: result.requestId, data: person.orgIds === "all" ? [] : person.orgIds.map((id) => ({ id, name: id })) };
  }
  return { ok: true, requestId: result.requestId, data: result.data.items.filter((org) => canSeeOrg(person, org.id)) };
});

/** The roll-up of the person's orgs (their counts and recent conflicts), once per request. */
export const rollupOf = cache(async (person: Person): Promise<Section<OrgsStats>> =>
  sectionOf(await apiFor(person)("orgsStats", { params: {} }), (data) => ({
    ...data,
    items: data.items.filter((item) => canSeeOrg(person, item.org_id)),
  })),
);

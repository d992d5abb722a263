import "server-only";
import { cache } from "react";
import { canSeeOrg, type Person } from "@/lib/dashboard/session/access";
import { apiFor } from "@/lib/dashboard/api/client";
import type { Org } from "@/lib/dashboard/api/schemas";

/** The orgs this person may see, as the API knows them (once per request). */
export const visibleOrgsOf = cache(async (person: Person): Promise<Org[]> => {
  const result = await apiFor(person)("listOrgs", { params: {} });
  if (!result.ok) {
    if (result.error.missing) return person.orgIds === "all" ? [] : person.orgIds.map((id) => ({ id, name: id }));
    throw new Error(`chatroom API: ${result.error.name}`);
  }
  return result.data.items.filter((org) => canSeeOrg(person, org.id));
});

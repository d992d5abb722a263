import "server-only";
import type { Person } from "@/lib/dashboard/session/access";
import { apiFor } from "@/lib/dashboard/api/client";
import { sectionOf } from "@/lib/dashboard/api/sections";

/** The org's overview figures for the default period (the last 30 days), as the API lets the person see them. */
export async function loadOverview(person: Person, orgId: string) {
  return sectionOf(await apiFor(person)("orgStats", { params: { orgId }, query: {} }));
}

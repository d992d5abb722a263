import "server-only";
import { cache } from "react";
import { appClock } from "@/lib/app-clock";
import type { Person } from "@/lib/dashboard/session/access";
import { apiFor } from "@/lib/dashboard/api/client";
import type { Directory } from "@/lib/dashboard/ui/names";

/** The time relative dates are shown against: the server's clock (the test clock when TEST_CLOCK=1). */
export function dashboardNow(): string {
  return appClock().now().toISOString();
}

/** The org's users, groups and WABAs, for names instead of ids (once per request). */
export const loadDirectory = cache(async (person: Person, orgId: string): Promise<Directory & { missing: boolean }> => {
  const api = apiFor(person);
  const params = { orgId };
  const [users, groups, wabas] = await Promise.all([api("listUsers", { params }), api("listGroups", { params }), api("listWabas", { params })]);
  return {
    users: users.ok ? users.data.items : [],
    groups: groups.ok ? groups.data.items : [],
    wabas: wabas.ok ? wabas.data.items : [],
    missing: [users, groups, wabas].some((result) => !result.ok && result.error.missing),
  };
});

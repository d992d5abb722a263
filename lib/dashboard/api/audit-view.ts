import "server-only";
import type { Person } from "@/lib/dashboard/session/access";
import { apiFor } from "@/lib/dashboard/api/client";
import { loadDirectory } from "@/lib/dashboard/api/directory";
import { sectionOf, type Section } from "@/lib/dashboard/api/sections";
import { accountNames } from "@/lib/dashboard/store";
import { auditRowOf, type AuditFilters, type AuditRow } from "@/lib/dashboard/ui/audit-log";

const PAGE_SIZE = 50;

/** One page of the org's audit log under the filters, in names and words. */
export async function loadAuditView(
  person: Person,
  orgId: string,
  filters: AuditFilters,
): Promise<{ rows: Section<AuditRow[]>; nextCursor: string | null }> {
  const [page, directory] = await Promise.all([
    apiFor(person)("listAudit", { params: { orgId }, query: { ...filters, limit: PAGE_SIZE } }),
    loadDirectory(person, orgId),
  ]);
  if (!page.ok) return { rows: sectionOf(page, () => []), nextCursor: null };
  const names = await accountNames([...new Set(page.data.items.flatMap((event) => event.actor.on_behalf_of ?? []))]);
  return {
    rows: { state: "ok", data: page.data.items.map((event) => auditRowOf(event, { directory, accountNames: names })) },
    nextCursor: page.data.next_cursor,
  };
}

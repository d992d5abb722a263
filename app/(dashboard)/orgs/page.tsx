import { Building2, ChevronRight } from "lucide-react";
import { cookies } from "next/headers";
import Link from "next/link";
import { LoadFailure } from "@/components/load-failure";
import { UserMenuButton } from "@/components/sidebar";
import { EmptyState } from "@/components/ui/empty-state";
import {
  SortableHeader,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
} from "@/components/ui/table";
import { rollupOf, visibleOrgsOf } from "@/lib/dashboard/api/orgs";
import { sectionOf } from "@/lib/dashboard/api/sections";
import { personKindLabel } from "@/lib/dashboard/session/access";
import { requirePerson } from "@/lib/dashboard/session/person";
import { formatCount } from "@/lib/dashboard/ui/format";
import { orgPath } from "@/lib/dashboard/ui/paths";
import { THEME_COOKIE, themeOf } from "@/lib/dashboard/ui/preferences";
import {
  ROLLUP_COLUMNS,
  figureOf,
  rollupColumnLabels,
  rollupFigureHref,
  rollupSortHref,
  rollupSortOf,
  rollupTotals,
  sortRollup,
} from "@/lib/dashboard/ui/rollup";

export const metadata = { title: "Your orgs · Switchboard" };

/** A figure of the roll-up: a link to what it counts where there is such a list, a dash where it may not be read. */
function Figure({ value, href, label }: { value: number | null; href: string | null; label: string }) {
  if (value === null)
    return (
      <span className="text-muted-foreground" aria-label={`${label}: not shown to you`}>
        –
      </span>
    );
  if (!href) return <>{formatCount(value)}</>;
  return (
    <Link
      href={href}
      className="font-medium text-link underline-offset-2 hover:underline"
      aria-label={`${label}: ${formatCount(value)}`}
    >
      {formatCount(value)}
    </Link>
  );
}

/** The person's orgs, each with its overview's counts and recent conflicts, sortable, with totals: a partner's or support agent's roll-up. */
export default async function OrgRollupPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const person = await requirePerson();
  const [visible, rollup, search] = await Promise.all([visibleOrgsOf(person), rollupOf(person), searchParams]);
  const orgs = visible.ok ? visible.data : [];
  const theme = themeOf((await cookies()).get(THEME_COOKIE)?.value);
  const sort = rollupSortOf({ sort: search.sort, dir: search.dir });
  const items = rollup.state === "ok" ? sortRollup(rollup.data.items, sort) : [];
  const totals = rollupTotals(items);
  const direction = (column: (typeof ROLLUP_COLUMNS)[number] | "name") =>
    sort.column === column ? sort.direction : null;
  return (
    <div className="min-h-dvh">
      <header className="flex items-center justify-between border-b border-border bg-surface px-4 py-2">
        <p className="text-sm font-semibold">
          <span aria-hidden="true" className="mr-1.5 inline-block size-2.5 rounded-sm bg-primary" />
          Switchboard
        </p>
        <div className="w-56">
          <UserMenuButton person={{ name: person.name, role: personKindLabel[person.kind], theme }} />
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-10">
        <h1 className="text-xl font-semibold">Your orgs</h1>
        {!visible.ok ? (
          <div className="mt-6">
            <LoadFailure section={sectionOf(visible)} what="your orgs" />
          </div>
        ) : (
          <p className="mt-1 text-sm text-muted-foreground">
            You look after {orgs.length === 1 ? "one org" : `${orgs.length} orgs`}.
            {rollup.state === "ok" && orgs.length > 0 ? ` Counts now, and over the last 30 days; days in UTC.` : null}
          </p>
        )}
        {!visible.ok ? null : orgs.length === 0 ? (
          <EmptyState icon={Building2} title="You have no orgs to look after yet." className="mt-6">
            Ask whoever runs your partner account to link you to a client org; it will show up here.
          </EmptyState>
        ) : rollup.state === "ok" ? (
          <div className="mt-6">
            {/* relative: the headers' screen-reader text is positioned within the table, inside its scroll box, not the page. */}
            <Table className="relative" aria-label="Your orgs and their counts" data-testid="org-rollup">
              <TableHead>
                <tr>
                  <TableHeaderCell
                    aria-sort={
                      direction("name") === "asc"
                        ? "ascending"
                        : direction("name") === "desc"
                          ? "descending"
                          : undefined
                    }
                  >
                    <SortableHeader label="Org" href={rollupSortHref(sort, "name")} direction={direction("name")} />
                  </TableHeaderCell>
                  {ROLLUP_COLUMNS.map((column) => (
                    <TableHeaderCell
                      key={column}
                      className="text-right"
                      aria-sort={
                        direction(column) === "asc"
                          ? "ascending"
                          : direction(column) === "desc"
                            ? "descending"
                            : undefined
                      }
                    >
                      <SortableHeader
                        label={rollupColumnLabels[column]}
                        href={rollupSortHref(sort, column)}
                        direction={direction(column)}
                      />
                    </TableHeaderCell>
                  ))}
                </tr>
              </TableHead>
              <TableBody>
                {items.map((item) => (
                  <TableRow key={item.org_id} data-org-id={item.org_id}>
                    <TableCell className="font-medium">
                      <Link
                        href={orgPath(item.org_id)}
                        className="inline-flex items-center gap-2 hover:underline underline-offset-2"
                      >
                        <Building2 aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />
                        {item.name}
                      </Link>
                    </TableCell>
                    {ROLLUP_COLUMNS.map((column) => (
                      <TableCell key={column} className="text-right tabular-nums" data-column={column}>
                        <Figure
                          value={figureOf(item, column)}
                          href={rollupFigureHref(item.org_id, column)}
                          label={`${item.name}, ${rollupColumnLabels[column]}`}
                        />
                      </TableCell>
                    ))}
                  </TableRow>
                ))}
              </TableBody>
              <tfoot className="border-t border-border bg-surface-muted font-semibold">
                <tr data-testid="rollup-totals">
                  <th scope="row" className="px-3 py-2 text-left">
                    Total
                  </th>
                  {ROLLUP_COLUMNS.map((column) => (
                    <td key={column} className="px-3 py-2 text-right tabular-nums" data-column={column}>
                      {totals[column] === null ? "–" : formatCount(totals[column])}
                    </td>
                  ))}
                </tr>
              </tfoot>
            </Table>
          </div>
        ) : (
          <>
            <div className="mt-6">
              <LoadFailure section={rollup} what="the counts of your orgs" />
            </div>
            <ul className="mt-6 divide-y divide-border overflow-hidden rounded-lg border border-border bg-surface shadow-xs">
              {orgs.map((org) => (
                <li key={org.id}>
                  <Link
                    href={orgPath(org.id)}
                    className="flex items-center justify-between gap-3 px-4 py-3 hover:bg-surface-hover"
                  >
                    <span className="flex items-center gap-3 font-medium">
                      <Building2 aria-hidden="true" className="size-4 text-muted-foreground" />
                      {org.name}
                    </span>
                    <ChevronRight aria-hidden="true" className="size-4 text-muted-foreground" />
                  </Link>
                </li>
              ))}
            </ul>
          </>
        )}
      </main>
    </div>
  );
}

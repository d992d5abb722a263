import { Download, ScrollText, Search, SearchX } from "lucide-react";
import Link from "next/link";
import { LoadFailure } from "@/components/load-failure";
import { RelativeTime } from "@/components/relative-time";
import { Button, buttonVariants } from "@/components/ui/button";
import { CursorPagination } from "@/components/ui/cursor-pagination";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, NativeSelect } from "@/components/ui/field";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { loadAuditView } from "@/lib/dashboard/api/audit-view";
import { dashboardNow } from "@/lib/dashboard/api/directory";
import { requireOrg } from "@/lib/dashboard/session/person";
import { auditActionLabels, auditQueryString, parseAuditFilters } from "@/lib/dashboard/ui/audit-log";
import { auditExportPath, auditPath, chatroomPath } from "@/lib/dashboard/ui/paths";

export const metadata = { title: "Audit log · Switchboard" };

/** The org's audit log (R24), newest first, under the URL's filters, with its CSV download. */
export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ orgId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { orgId } = await params;
  const person = await requireOrg(orgId);
  const filters = parseAuditFilters(await searchParams);
  const { cursor, ...narrowing } = filters;
  const view = await loadAuditView(person, orgId, filters);
  const now = dashboardNow();
  const filtered = Object.values(narrowing).some(Boolean);
  const base = auditPath(orgId);
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">Audit log</h1>
          <p className="max-w-3xl text-sm text-muted-foreground">
            Every change in this org, newest first: who made it, through what, and what it changed.
          </p>
        </div>
        {view.rows.state === "ok" && view.rows.data.length > 0 ? (
          // A plain download link: the file streams from the server, no script needed.
          <a
            href={auditExportPath(orgId, auditQueryString(narrowing))}
            download
            className={buttonVariants({ variant: "secondary" })}
          >
            <Download aria-hidden="true" /> Export CSV
          </a>
        ) : null}
      </div>
      <form
        method="get"
        action={base}
        role="search"
        aria-label="Filter the audit log"
        className="flex flex-wrap items-end gap-2"
      >
        <div>
          <label htmlFor="audit-action" className="mb-1 block text-xs font-medium text-muted-foreground">
            Action
          </label>
          <NativeSelect id="audit-action" name="action" defaultValue={narrowing.action ?? ""} className="w-auto">
            <option value="">Any action</option>
            {Object.entries(auditActionLabels).map(([action, label]) => (
              <option key={action} value={action}>
                {label}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div>
          <label htmlFor="audit-actor" className="mb-1 block text-xs font-medium text-muted-foreground">
            Actor (user, account or key id)
          </label>
          <Input id="audit-actor" name="actor" defaultValue={narrowing.actor ?? ""} placeholder="e.g. u_lin" />
        </div>
        <div>
          <label htmlFor="audit-chatroom" className="mb-1 block text-xs font-medium text-muted-foreground">
            Chatroom id
          </label>
          <Input id="audit-chatroom" name="chatroom_id" defaultValue={narrowing.chatroom_id ?? ""} />
        </div>
        <Button type="submit" variant="secondary">
          <Search aria-hidden="true" /> Filter
        </Button>
        {filtered ? (
          <Link href={base} className={buttonVariants({ variant: "ghost" })}>
            Clear filters
          </Link>
        ) : null}
      </form>
      {view.rows.state !== "ok" ? (
        <LoadFailure section={view.rows} what="an audit log" />
      ) : view.rows.data.length === 0 ? (
        filtered ? (
          <EmptyState
            icon={SearchX}
            title="No change matches these filters."
            action={
              <Link href={base} className={buttonVariants({ variant: "secondary" })}>
                Clear the filters
              </Link>
            }
          >
            Try fewer filters: an actor is matched by its exact id.
          </EmptyState>
        ) : (
          <EmptyState icon={ScrollText} title="Nothing has changed in this org yet.">
            Every create, assignment, deactivation and settings change shows up here.
          </EmptyState>
        )
      ) : (
        <>
          <Table aria-label="Audit log">
            <TableHead>
              <TableRow>
                <TableHeaderCell>When</TableHeaderCell>
                <TableHeaderCell>Action</TableHeaderCell>
                <TableHeaderCell>Actor</TableHeaderCell>
                <TableHeaderCell>Changes</TableHeaderCell>
                <TableHeaderCell>Note</TableHeaderCell>
                <TableHeaderCell>Chatroom</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {view.rows.data.map((row) => (
                <TableRow key={row.id} data-testid="audit-row" data-event-id={row.id}>
                  <TableCell className="whitespace-nowrap">
                    <RelativeTime at={row.at} now={now} />
                  </TableCell>
                  <TableCell>{row.action}</TableCell>
                  <TableCell>
                    {row.actor} <span className="text-xs text-muted-foreground">({row.channel})</span>
                  </TableCell>
                  <TableCell className="max-w-md text-sm">{row.changes || "—"}</TableCell>
                  <TableCell className="max-w-xs text-sm">{row.note ?? "—"}</TableCell>
                  <TableCell>
                    {row.chatroomId ? (
                      <Link
                        href={chatroomPath(orgId, row.chatroomId)}
                        className="font-mono text-xs text-link underline underline-offset-2"
                      >
                        {row.chatroomId}
                      </Link>
                    ) : (
                      "—"
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <CursorPagination
            summary={`${view.rows.data.length} change${view.rows.data.length === 1 ? "" : "s"} on this page`}
            previousHref={cursor ? `${base}${auditQueryString(narrowing)}` : null}
            nextHref={view.nextCursor ? `${base}${auditQueryString({ ...narrowing, cursor: view.nextCursor })}` : null}
          />
        </>
      )}
    </div>
  );
}

import { columnVisibilityFeature, createColumnHelper, flexRender, tableFeatures } from "@tanstack/react-table";
import Link from "next/link";
import { RelativeTime } from "./relative-time";
import { StatusBadge } from "./status-badge";
import { HIDEABLE_CHATROOM_COLUMNS, type ChatroomRow } from "@/lib/dashboard/ui/chatroom-rows";
import { PageCheckbox, RowCheckbox } from "./bulk-selection";
import { ColumnsButton } from "./columns-button";
import { serverTable } from "./ui/server-table";
import { SortableHeader, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "./ui/table";

export type SortableColumn = "created" | "activity" | "expiry" | "deactivation";

export interface SortLinks {
  current: { column: SortableColumn; order: "asc" | "desc" };
  hrefs: Record<SortableColumn, string>;
}

const features = tableFeatures({ columnVisibilityFeature });
const helper = createColumnHelper<typeof features, ChatroomRow>();

const columnLabels = {
  contact: "Contact",
  status: "Status",
  wabaPhone: "WABA phone",
  assignee: "Assignee",
  created: "Created",
  activity: "Last activity",
  expiry: "Expires",
  deactivation: "Deactivates",
} as const;

function columnsFor(now: string, selectable: boolean) {
  const select = helper.display({
    id: "select",
    enableHiding: false,
    cell: ({ row }) => <RowCheckbox id={row.original.id} label={row.original.contactName} />,
  });
  return helper.columns([
    ...(selectable ? [select] : []),
    helper.accessor("contactName", {
      id: "contact",
      enableHiding: false,
      cell: ({ row }) => (
        <div className="min-w-40">
          <Link href={row.original.href} className="font-medium text-foreground hover:underline">
            {row.original.contactName}
          </Link>
          <div className="text-xs whitespace-nowrap text-muted-foreground">
            <Link href={row.original.contactHref} className="hover:text-foreground hover:underline">
              {row.original.crmId}
            </Link>{" "}
            · <span className="whitespace-nowrap">{row.original.phoneNumber}</span>
          </div>
        </div>
      ),
    }),
    helper.accessor("status", {
      id: "status",
      cell: ({ row }) => <StatusBadge status={row.original.status} reason={row.original.reason} pending={row.original.pending} />,
    }),
    helper.accessor("wabaPhone", { id: "wabaPhone", cell: ({ getValue }) => <span className="whitespace-nowrap">{getValue()}</span> }),
    helper.accessor("assignee", { id: "assignee" }),
    helper.accessor("createdAt", { id: "created", cell: ({ getValue }) => <RelativeTime at={getValue()} now={now} /> }),
    helper.accessor("lastActivityAt", { id: "activity", cell: ({ getValue }) => <RelativeTime at={getValue()} now={now} /> }),
    helper.accessor("expiryTs", { id: "expiry", cell: ({ getValue }) => <RelativeTime at={getValue()} now={now} /> }),
    helper.accessor("deactivationTs", { id: "deactivation", cell: ({ getValue }) => <RelativeTime at={getValue()} now={now} /> }),
  ]);
}

const sortable = new Set<string>(["created", "activity", "expiry", "deactivation"]);

/**
 * The chatrooms table, a TanStack table rendered on the server: sorted and paged there (the headers are
 * links), with the columns the person chose (a cookie). On a phone every row is a card. Only the Columns
 * button runs in the browser.
 */
export function ChatroomTable({
  rows,
  now,
  sort,
  hiddenColumns,
  columnsCookie,
  selectable = false,
}: {
  rows: ChatroomRow[];
  now: string;
  sort: SortLinks;
  hiddenColumns: string[];
  columnsCookie: string;
  /** Row checkboxes for bulk actions (inside BulkSelection); none for people who may not change rooms. */
  selectable?: boolean;
}) {
  const table = serverTable({
    features,
    columns: columnsFor(now, selectable),
    data: rows,
    getRowId: (row) => row.id,
    initialState: { columnVisibility: Object.fromEntries(hiddenColumns.map((column) => [column, false])) },
  });
  return (
    <div className="space-y-2">
      <div className="hidden justify-end md:flex">
        <ColumnsButton
          cookie={columnsCookie}
          columns={HIDEABLE_CHATROOM_COLUMNS.map((column) => ({ id: column, label: columnLabels[column], visible: !hiddenColumns.includes(column) }))}
        />
      </div>
      <div className="hidden md:block">
        <Table>
          <caption className="sr-only">Chatrooms of this org</caption>
          <TableHead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  if (header.column.id === "select") {
                    return (
                      <TableHeaderCell key={header.id} className="w-8">
                        <PageCheckbox />
                      </TableHeaderCell>
                    );
                  }
                  const id = header.column.id as keyof typeof columnLabels;
                  const sortColumn = id as SortableColumn;
                  return (
                    <TableHeaderCell
                      key={header.id}
                      aria-sort={sort.current.column === id ? (sort.current.order === "asc" ? "ascending" : "descending") : undefined}
                    >
                      {sortable.has(id) ? (
                        <SortableHeader
                          label={columnLabels[id]}
                          href={sort.hrefs[sortColumn]}
                          direction={sort.current.column === id ? sort.current.order : null}
                        />
                      ) : (
                        columnLabels[id]
                      )}
                    </TableHeaderCell>
                  );
                })}
              </tr>
            ))}
          </TableHead>
          <TableBody>
            {table.getRowModel().rows.map((row) => (
              <TableRow key={row.id} data-testid="chatroom-row" data-chatroom-id={row.original.id} data-status={row.original.status}>
                {row.getVisibleCells().map((cell) => (
                  <TableCell key={cell.id}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <ul className="space-y-2 md:hidden" aria-label="Chatrooms of this org">
        {rows.map((row) => (
          <li key={row.id} data-testid="chatroom-card" data-card-of={row.id} data-status={row.status} className="rounded-lg border border-border bg-surface p-3 shadow-xs">
            <div className="flex items-start justify-between gap-2">
              {selectable ? (
                <div className="pt-0.5">
                  <RowCheckbox id={row.id} label={row.contactName} />
                </div>
              ) : null}
              <div className="min-w-0 flex-1">
                <Link href={row.href} className="font-medium hover:underline">
                  {row.contactName}
                </Link>
                <p className="text-xs text-muted-foreground">
                  {row.crmId} · {row.phoneNumber}
                </p>
              </div>
              <StatusBadge status={row.status} pending={row.pending} />
            </div>
            <dl className="mt-2 grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-xs">
              <dt className="text-muted-foreground">Assignee</dt>
              <dd className="truncate">{row.assignee}</dd>
              <dt className="text-muted-foreground">WABA phone</dt>
              <dd className="truncate">{row.wabaPhone}</dd>
              <dt className="text-muted-foreground">Last activity</dt>
              <dd>
                <RelativeTime at={row.lastActivityAt} now={now} />
              </dd>
              <dt className="text-muted-foreground">Expires</dt>
              <dd>
                <RelativeTime at={row.expiryTs} now={now} />
              </dd>
            </dl>
          </li>
        ))}
      </ul>
    </div>
  );
}

import { Download, Inbox, Plus, SearchX } from "lucide-react";
import { cookies } from "next/headers";
import Link from "next/link";
import { BulkBar, BulkSelection } from "@/components/bulk-selection";
import { ChatroomFilterBar } from "@/components/chatroom-filters";
import { ChatroomTable, type SortableColumn } from "@/components/chatroom-table";
import { LiveRefresh } from "@/components/live-refresh";
import { LoadFailure } from "@/components/load-failure";
import { SavedViews } from "@/components/saved-views";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { CursorPagination } from "@/components/ui/cursor-pagination";
import { EmptyState } from "@/components/ui/empty-state";
import { apiFor } from "@/lib/dashboard/api/client";
import { dashboardNow, loadDirectory } from "@/lib/dashboard/api/directory";
import { sectionOf } from "@/lib/dashboard/api/sections";
import { canPerform, requiresNote } from "@/lib/dashboard/session/access";
import { requireOrg } from "@/lib/dashboard/session/person";
import { savedViewsOf } from "@/lib/dashboard/session/saved-views";
import { parseChatroomFilters } from "@/lib/dashboard/ui/chatroom-filters";
import { apiQueryOf, bulkFilterOf, defaultOrder, filtersHref, isFiltered } from "@/lib/dashboard/ui/chatroom-urls";
import { chatroomRowOf, HIDEABLE_CHATROOM_COLUMNS } from "@/lib/dashboard/ui/chatroom-rows";
import { formatCount } from "@/lib/dashboard/ui/format";
import { phoneLabel } from "@/lib/dashboard/ui/names";
import { chatroomsExportPath, chatroomsPath, newChatroomPath } from "@/lib/dashboard/ui/paths";
import { hiddenColumnsCookie, hiddenColumnsOf } from "@/lib/dashboard/ui/preferences";
import { viewLinks } from "@/lib/dashboard/ui/saved-views";

export const metadata = { title: "Chatrooms · Switchboard" };

const PAGE_SIZE = 50;

export default async function ChatroomsPage({
  params,
  searchParams,
}: {
  params: Promise<{ orgId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { orgId } = await params;
  const person = await requireOrg(orgId);
  const filters = parseChatroomFilters(await searchParams);
  const [page, directory, saved] = await Promise.all([
    apiFor(person)("listChatrooms", { params: { orgId }, query: apiQueryOf(filters, PAGE_SIZE) }),
    loadDirectory(person, orgId),
    savedViewsOf(person, orgId),
  ]);
  const columnsCookie = hiddenColumnsCookie("chatrooms", person.accountId);
  const hiddenColumns = hiddenColumnsOf((await cookies()).get(columnsCookie)?.value, HIDEABLE_CHATROOM_COLUMNS);
  const base = chatroomsPath(orgId);
  const filtered = isFiltered(filters);
  const canCreate = canPerform(person, "chatroom.create");
  // Bulk actions repeat the single-room changes, so they are offered to those who may make them.
  const bulk = { reassign: canPerform(person, "chatroom.reassign"), deactivate: canPerform(person, "chatroom.deactivate") };
  const order = filters.order ?? defaultOrder(filters.sort);
  const sortHref = (column: SortableColumn) =>
    filtersHref(base, {
      ...filters,
      cursor: undefined,
      sort: column,
      order: filters.sort === column ? (order === "asc" ? "desc" : "asc") : defaultOrder(column),
    });
  const activeCount = [filters.status, filters.remote_phone_id, filters.assignee, filters.pending_handover, filters.unassigned, filters.expiring_within_hours].filter(
    Boolean,
  ).length;
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-2.5">
          <h1 className="text-xl font-semibold">Chatrooms</h1>
          {page.ok ? (
            <Badge data-testid="chatroom-total">{page.data.total.exact ? formatCount(page.data.total.count) : `${formatCount(page.data.total.count)}+`}</Badge>
          ) : null}
          <LiveRefresh orgId={orgId} watch={{ kind: "chatrooms" }} className="ml-1" />
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {page.ok && page.data.items.length > 0 ? (
            // A plain download link: the file streams from the server, no script needed.
            <a href={chatroomsExportPath(orgId, filtersHref("", { ...filters, cursor: undefined }))} download className={buttonVariants({ variant: "secondary" })}>
              <Download aria-hidden="true" /> Export CSV
            </a>
          ) : null}
          {canCreate ? (
            <Link href={newChatroomPath(orgId)} className={buttonVariants()}>
              <Plus aria-hidden="true" /> New chatroom
            </Link>
          ) : null}
        </div>
      </div>
      <SavedViews orgId={orgId} views={viewLinks(orgId, saved)} currentQuery={filtersHref("", { ...filters, cursor: undefined }).replace(/^\?/, "")} />
      <ChatroomFilterBar
        base={base}
        filters={filters}
        activeCount={activeCount}
        choices={{
          phones: directory.wabas.flatMap((waba) => waba.phones.map((phone) => ({ value: phone.remote_phone_id, label: phoneLabel(directory, phone.remote_phone_id) }))),
          users: directory.users.map((user) => ({ value: user.id, label: user.name, description: user.active ? undefined : "Disabled" })),
        }}
      />
      {!page.ok ? (
        page.error.name === "VALIDATION_FAILED" && filters.cursor ? (
          <EmptyState icon={SearchX} title="This page of the list is no longer valid." action={<Link href={filtersHref(base, { ...filters, cursor: undefined })} className={buttonVariants({ variant: "secondary" })}>Go to the first page</Link>}>
            The link points into a list sorted another way, or it was cut short. Start again from the first page.
          </EmptyState>
        ) : (
          <LoadFailure section={sectionOf(page)} what="a list of chatrooms" />
        )
      ) : page.data.items.length === 0 ? (
        filtered ? (
          <EmptyState icon={SearchX} title="No chatroom matches these filters." action={<Link href={base} className={buttonVariants({ variant: "secondary" })}>Clear the filters</Link>}>
            Try fewer filters, or search for part of a name, a CRM id or a phone number.
          </EmptyState>
        ) : (
          <EmptyState
            icon={Inbox}
            title="This org has no chatrooms yet."
            action={canCreate ? <Link href={newChatroomPath(orgId)} className={buttonVariants()}>Create the first chatroom</Link> : undefined}
          >
            {canCreate ? "A chatroom connects a contact with one of your WABA phones." : "Chatrooms appear here when an admin creates one."}
          </EmptyState>
        )
      ) : (
        <BulkSelection pageIds={bulk.reassign || bulk.deactivate ? page.data.items.map((room) => room.chatroom_id) : []}>
          {bulk.reassign || bulk.deactivate ? (
            <BulkBar
              orgId={orgId}
              filter={bulkFilterOf(filters)}
              total={{ count: page.data.total.count, label: page.data.total.exact ? formatCount(page.data.total.count) : `${formatCount(page.data.total.count)}+` }}
              can={bulk}
              users={directory.users}
              groups={directory.groups}
              noteRequired={requiresNote(person)}
            />
          ) : null}
          <ChatroomTable
            selectable={bulk.reassign || bulk.deactivate}
            rows={page.data.items.map((room) => chatroomRowOf(orgId, room, directory))}
            now={dashboardNow()}
            hiddenColumns={hiddenColumns}
            columnsCookie={columnsCookie}
            sort={{
              current: { column: filters.sort, order },
              hrefs: { created: sortHref("created"), activity: sortHref("activity"), expiry: sortHref("expiry"), deactivation: sortHref("deactivation") },
            }}
          />
          <CursorPagination
            summary={`${formatCount(page.data.items.length)} shown of ${page.data.total.exact ? formatCount(page.data.total.count) : `${formatCount(page.data.total.count)}+`}`}
            previousHref={page.data.prev_cursor ? filtersHref(base, { ...filters, cursor: page.data.prev_cursor }) : null}
            nextHref={page.data.next_cursor ? filtersHref(base, { ...filters, cursor: page.data.next_cursor }) : null}
          />
        </BulkSelection>
      )}
    </div>
  );
}

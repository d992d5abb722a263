import Link from "next/link";
import { ChatroomFilterForm } from "@/components/chatroom-filter-form";
import { ChatroomTable } from "@/components/chatroom-table";
import { LoadFailure, Notice, buttonClass, linkClass } from "@/components/ui";
import { canPerform } from "@/lib/dashboard/session/access";
import { apiFor } from "@/lib/dashboard/api/client";
import { filtersHref, parseChatroomFilters } from "@/lib/dashboard/ui/chatroom-filters";
import { dashboardNow } from "@/lib/dashboard/api/views";
import { chatroomsPath, newChatroomPath } from "@/lib/dashboard/ui/paths";
import { loadDirectory } from "@/lib/dashboard/api/views";
import { requireOrg } from "@/lib/dashboard/session/person";

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
  const [page, directory] = await Promise.all([
    apiFor(person).listChatrooms(orgId, { ...filters, limit: PAGE_SIZE }),
    loadDirectory(person, orgId),
  ]);
  const base = chatroomsPath(orgId);
  const filtered = Boolean(filters.status || filters.q || filters.remote_phone_id || filters.assignee);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">Chatrooms</h1>
        {canPerform(person, "chatroom.create") ? (
          <Link href={newChatroomPath(orgId)} className={buttonClass}>
            New chatroom
          </Link>
        ) : null}
      </div>
      <ChatroomFilterForm action={base} filters={filters} directory={directory} />
      {!page.ok ? (
        <LoadFailure error={page.error} what="a list of chatrooms" title="The chatrooms could not be loaded." />
      ) : page.data.items.length === 0 ? (
        <Notice title={filtered ? "No chatroom matches these filters." : "This org has no chatrooms yet."}>
          {filtered ? (
            <Link href={base} className={linkClass}>
              Clear the filters
            </Link>
          ) : canPerform(person, "chatroom.create") ? (
            <Link href={newChatroomPath(orgId)} className={linkClass}>
              Create the first chatroom
            </Link>
          ) : (
            "Chatrooms appear here when an admin creates one."
          )}
        </Notice>
      ) : (
        <>
          <ChatroomTable orgId={orgId} rooms={page.data.items} directory={directory} now={dashboardNow()} caption="Chatrooms of this org" />
          <nav aria-label="Pages" className="flex gap-4 text-sm">
            {filters.cursor ? (
              <Link href={filtersHref(base, { ...filters, cursor: undefined })} className={linkClass}>
                First page
              </Link>
            ) : null}
            {page.data.next_cursor ? (
              <Link href={filtersHref(base, { ...filters, cursor: page.data.next_cursor })} className={linkClass} rel="next">
                Next page
              </Link>
            ) : null}
          </nav>
        </>
      )}
    </div>
  );
}

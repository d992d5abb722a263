import Link from "next/link";
import { notFound } from "next/navigation";
import { LoadFailure, Notice, RelativeTime, StatusBadge, buttonClass, inputClass, linkClass } from "@/components/ui";
import { canPerform } from "@/lib/dashboard/session/access";
import { apiFor } from "@/lib/dashboard/api/client";
import { filtersHref } from "@/lib/dashboard/ui/chatroom-filters";
import { dashboardNow } from "@/lib/dashboard/api/views";
import { groupConflictsByPhone } from "@/lib/dashboard/ui/conflict-groups";
import { chatroomPath, chatroomsPath, contactPath, orgPath } from "@/lib/dashboard/ui/paths";
import { requireOrg } from "@/lib/dashboard/session/person";

export const metadata = { title: "Conflicts · Switchboard" };

/** The conflict log (R25): numbers that conflicted recently, with their chatrooms' state now. */
export default async function ConflictsPage({
  params,
  searchParams,
}: {
  params: Promise<{ orgId: string }>;
  searchParams: Promise<{ phone?: string | string[]; cursor?: string | string[] }>;
}) {
  const { orgId } = await params;
  const person = await requireOrg(orgId);
  if (!canPerform(person, "org.conflicts")) notFound();
  const query = await searchParams;
  const phone = typeof query.phone === "string" && query.phone !== "" ? query.phone.slice(0, 32) : undefined;
  const cursor = typeof query.cursor === "string" ? query.cursor.slice(0, 512) : undefined;
  const log = await apiFor(person).listConflicts(orgId, { phone, cursor, limit: 50 });
  const now = dashboardNow();
  const base = `${orgPath(orgId)}/conflicts`;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Conflicts</h1>
      <p className="text-sm text-slate-700">
        Phone numbers for which a create or an activation was refused recently because the number already had an active chatroom, newest
        first, with the state of their chatrooms now. Work through them: open the rooms, deactivate the stale one, or activate with force.
      </p>
      <form method="get" action={base} role="search" aria-label="Filter conflicts" className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="conflict-phone" className="block text-sm font-medium">
            Phone number
          </label>
          <input id="conflict-phone" name="phone" defaultValue={phone ?? ""} placeholder="+15550100001" className={inputClass} />
        </div>
        <button type="submit" className={buttonClass}>
          Filter
        </button>
      </form>
      {!log.ok ? (
        <LoadFailure error={log.error} what="a conflict log" title="The conflict log could not be loaded." />
      ) : log.data.items.length === 0 ? (
        <Notice title="No conflicts recorded.">Refused creates and activations show up here.</Notice>
      ) : (
        <>
          <ol className="space-y-3">
            {groupConflictsByPhone(log.data.items).map((group) => (
              <li key={group.phoneNumber} className="rounded-md border border-slate-300 bg-white p-4 text-sm" data-testid="conflict-entry">
                <h2 className="flex flex-wrap items-center gap-2 text-base">
                  <span className="font-semibold">{group.phoneNumber}</span>
                  <span className={`rounded px-1.5 py-0.5 text-xs font-medium ring-1 ${group.open ? "bg-amber-100 ring-amber-300" : "bg-slate-100 ring-slate-300"}`}>
                    {group.open ? "still has an active chatroom" : "no active chatroom now"}
                  </span>
                </h2>
                <p className="mt-1 text-slate-700">
                  {group.count} conflict{group.count === 1 ? "" : "s"}, last <RelativeTime at={group.latestAt} now={now} /> · {group.errorCodes.join(", ")}
                  {group.contactIds.length > 0 ? (
                    <>
                      {" "}
                      · requested for{" "}
                      {group.contactIds.map((contactId, index) => (
                        <span key={contactId}>
                          {index > 0 ? ", " : ""}
                          <Link href={contactPath(orgId, contactId)} className={linkClass}>
                            {contactId}
                          </Link>
                        </span>
                      ))}
                    </>
                  ) : null}{" "}
                  ·{" "}
                  <Link href={filtersHref(chatroomsPath(orgId), { q: group.phoneNumber })} className={linkClass}>
                    all chatrooms of this number
                  </Link>
                </p>
                <ul className="mt-2 space-y-1">
                  {group.rooms.map((room) => (
                    <li key={room.chatroom_id} className="flex flex-wrap items-center gap-2">
                      <Link href={chatroomPath(orgId, room.chatroom_id)} className={linkClass}>
                        {room.chatroom_id}
                      </Link>
                      <StatusBadge status={room.status} />
                      <span>
                        {room.crm_id} on {room.remote_phone_id}, assignee {room.assignee_user_id ?? "nobody"}, last activity{" "}
                        <RelativeTime at={room.last_activity_at} now={now} />
                      </span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
          <nav aria-label="Pages" className="flex gap-4 text-sm">
            {cursor ? (
              <Link href={phone ? `${base}?${new URLSearchParams({ phone })}` : base} className={linkClass}>
                First page
              </Link>
            ) : null}
            {log.data.next_cursor ? (
              <Link href={`${base}?${new URLSearchParams({ ...(phone ? { phone } : {}), cursor: log.data.next_cursor })}`} className={linkClass}>
                Next page
              </Link>
            ) : null}
          </nav>
        </>
      )}
    </div>
  );
}

import { CheckCircle2, Download, Search, SearchX } from "lucide-react";
import Link from "next/link";
import { LiveRefresh } from "@/components/live-refresh";
import { LoadFailure } from "@/components/load-failure";
import { RelativeTime } from "@/components/relative-time";
import { StatusBadge } from "@/components/status-badge";
import { Badge } from "@/components/ui/badge";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { CursorPagination } from "@/components/ui/cursor-pagination";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, NativeSelect } from "@/components/ui/field";
import { loadConflictsView } from "@/lib/dashboard/api/conflicts-view";
import { dashboardNow, loadDirectory } from "@/lib/dashboard/api/directory";
import { requireOrg } from "@/lib/dashboard/session/person";
import { filtersHref } from "@/lib/dashboard/ui/chatroom-urls";
import { CONFLICT_PERIOD_DAYS, conflictsSince, parseConflictFilters } from "@/lib/dashboard/ui/conflict-filters";
import { formatPhoneNumber } from "@/lib/dashboard/ui/format";
import { explain } from "@/lib/dashboard/ui/messages";
import { assigneeLabel, contactName, phoneLabel, roomContactName } from "@/lib/dashboard/ui/names";
import { chatroomPath, chatroomsPath, conflictsExportPath, conflictsPath, contactPath, newChatroomPath } from "@/lib/dashboard/ui/paths";

export const metadata = { title: "Conflicts · Switchboard" };

/** The conflict log (R25): numbers that conflicted recently, with every chatroom of the number as it is now. */
export default async function ConflictsPage({
  params,
  searchParams,
}: {
  params: Promise<{ orgId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { orgId } = await params;
  const person = await requireOrg(orgId);
  const { phone, days, cursor } = parseConflictFilters(await searchParams);
  const now = dashboardNow();
  const [view, directory] = await Promise.all([loadConflictsView(person, orgId, { phone, cursor, since: conflictsSince(days, now) }), loadDirectory(person, orgId)]);
  const base = conflictsPath(orgId);
  const filtered = conflictsPath(orgId, { phone, days });
  return (
    <div className="space-y-5">
      <div>
        <div className="flex flex-wrap items-center justify-between gap-2.5">
          <div className="flex flex-wrap items-center gap-2.5">
            <h1 className="text-xl font-semibold">Conflicts</h1>
            <LiveRefresh orgId={orgId} watch={{ kind: "conflicts" }} />
          </div>
          {view.numbers.length > 0 ? (
            // A plain download link: the file streams from the server, no script needed.
            <a href={conflictsExportPath(orgId, filtered.slice(base.length))} download className={buttonVariants({ variant: "secondary" })}>
              <Download aria-hidden="true" /> Export CSV
            </a>
          ) : null}
        </div>
        <p className="max-w-3xl text-sm text-muted-foreground">
          Phone numbers for which a create or an activation was refused recently because the number already had an active chatroom, newest first,
          with every chatroom of the number as it is now. Work through them: open a chatroom, deactivate the stale one, or activate with force.
        </p>
      </div>
      <form method="get" action={base} role="search" aria-label="Filter conflicts" className="flex max-w-xl flex-wrap gap-2">
        <div className="relative flex-1">
          <Search aria-hidden="true" className="pointer-events-none absolute top-2 left-2.5 size-4 text-muted-foreground" />
          <label htmlFor="conflict-phone" className="sr-only">
            Phone number
          </label>
          <Input id="conflict-phone" name="phone" defaultValue={phone ?? ""} placeholder="Phone number, e.g. +15550100001" className="pl-8" />
        </div>
        <label htmlFor="conflict-days" className="sr-only">
          Period
        </label>
        <NativeSelect id="conflict-days" name="days" defaultValue={days ? String(days) : ""} className="w-auto">
          <option value="">Any time</option>
          {CONFLICT_PERIOD_DAYS.map((period) => (
            <option key={period} value={period}>
              {period === 1 ? "Last 24 hours" : `Last ${period} days`}
            </option>
          ))}
        </NativeSelect>
        <Button type="submit" variant="secondary">
          Filter
        </Button>
      </form>
      {view.log.state !== "ok" ? (
        <LoadFailure section={view.log} what="a conflict log" />
      ) : view.numbers.length === 0 ? (
        phone || days ? (
          <EmptyState icon={SearchX} title={phone ? `No conflict matches ${phone}${days ? " in this period" : ""}.` : "No conflict in this period."} action={<Link href={base} className={buttonVariants({ variant: "secondary" })}>Clear the filter</Link>}>
            {phone
              ? "Check the number (with its country code, like +15550100001), or clear the filter to see every recent conflict."
              : "Choose a longer period, or clear the filter to see every recorded conflict."}
          </EmptyState>
        ) : (
          <EmptyState icon={CheckCircle2} title="No conflicts recorded.">
            Refused creates and activations show up here, for support to work through.
          </EmptyState>
        )
      ) : (
        <>
          <ol className="space-y-4">
            {view.numbers.map((number) => {
              const rooms = number.rooms.state === "ok" ? number.rooms.data : [];
              const activeCount = rooms.filter((room) => room.status === "active").length;
              const requested = number.requestedFor.map((id) => ({ id, contact: number.contacts.find((candidate) => candidate.id === id) }));
              return (
                <li key={number.phoneNumber} data-testid="conflict-entry" data-phone={number.phoneNumber}>
                  <Card>
                    <CardHeader>
                      <div className="flex flex-wrap items-center gap-2">
                        <h2 className="text-base font-semibold">{formatPhoneNumber(number.phoneNumber)}</h2>
                        {number.rooms.state === "ok" ? (
                          <Badge tone={activeCount > 0 ? "warning" : "success"} data-testid="conflict-state">
                            {activeCount === 0 ? "No active chatroom now" : `${activeCount} active chatroom${activeCount === 1 ? "" : "s"} now`}
                          </Badge>
                        ) : null}
                      </div>
                      <Link href={filtersHref(chatroomsPath(orgId), { q: number.phoneNumber })} className="text-sm text-link underline underline-offset-2 hover:decoration-2">
                        All chatrooms of this number
                      </Link>
                    </CardHeader>
                    <CardContent className="space-y-3">
                      <p className="text-sm text-muted-foreground">
                        {number.count === 1 ? "Refused once, " : `Refused ${number.count} times, the last `}
                        <RelativeTime at={number.latestAt} now={now} />:{" "}
                        {number.errorNames.map((name) => explain(name).title.replace(/\.$/, "").toLowerCase()).join("; ")}.
                      </p>
                      {requested.length > 0 ? (
                        <p className="text-sm">
                          Asked for:{" "}
                          {requested.map(({ id, contact }, index) => (
                            <span key={id}>
                              {index > 0 ? ", " : ""}
                              <Link href={contactPath(orgId, id)} className="text-link underline underline-offset-2 hover:decoration-2">
                                {contact ? `${contactName(contact)} (${contact.crm_id})` : "a contact"}
                              </Link>
                            </span>
                          ))}
                          {requested.length === 1 ? (
                            <>
                              {" · "}
                              <Link href={newChatroomPath(orgId, requested[0]!.id)} className="text-link underline underline-offset-2 hover:decoration-2">
                                New chatroom for them
                              </Link>
                            </>
                          ) : null}
                        </p>
                      ) : null}
                      {number.rooms.state !== "ok" ? (
                        <LoadFailure section={number.rooms} what="this number's chatrooms" />
                      ) : rooms.length === 0 ? (
                        <p className="text-sm text-muted-foreground">This number has no chatroom in the org now.</p>
                      ) : (
                        <ul className="divide-y divide-border rounded-md border border-border" aria-label={`Chatrooms of ${formatPhoneNumber(number.phoneNumber)}`}>
                          {rooms.map((room) => (
                            <li key={room.chatroom_id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 px-3 py-2 text-sm" data-testid="conflict-room" data-chatroom-id={room.chatroom_id} data-status={room.status}>
                              <div className="min-w-0">
                                <Link href={chatroomPath(orgId, room.chatroom_id)} className="font-medium text-link underline underline-offset-2 hover:decoration-2">
                                  {roomContactName(room)}
                                </Link>{" "}
                                <span className="text-muted-foreground">
                                  ({room.crm_id}) on {phoneLabel(directory, room.remote_phone_id)}
                                </span>
                              </div>
                              <div className="flex flex-wrap items-center gap-3">
                                <span className="text-muted-foreground">{assigneeLabel(directory, room)}</span>
                                <span className="text-muted-foreground">
                                  last activity <RelativeTime at={room.last_activity_at} now={now} />
                                </span>
                                <StatusBadge status={room.status} reason={room.deactivation_reason} />
                              </div>
                            </li>
                          ))}
                        </ul>
                      )}
                    </CardContent>
                  </Card>
                </li>
              );
            })}
          </ol>
          <CursorPagination
            summary={`${view.numbers.length} number${view.numbers.length === 1 ? "" : "s"} on this page`}
            previousHref={cursor ? filtered : null}
            nextHref={view.nextCursor ? `${filtered}${filtered.includes("?") ? "&" : "?"}cursor=${encodeURIComponent(view.nextCursor)}` : null}
          />
        </>
      )}
    </div>
  );
}

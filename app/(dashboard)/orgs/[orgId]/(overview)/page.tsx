import Link from "next/link";
import { ChevronRight } from "lucide-react";
import { LiveRefresh } from "@/components/live-refresh";
import { LoadFailure } from "@/components/load-failure";
import { DailyFigures } from "@/components/overview/daily-figures";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { loadOverview } from "@/lib/dashboard/api/overview-view";
import { requireOrg } from "@/lib/dashboard/session/person";
import { formatCount, groupStrategyLabel, reasonLabel } from "@/lib/dashboard/ui/format";
import { agentChatroomsHref, dayLabel, overviewCards, periodLabel, shareOf } from "@/lib/dashboard/ui/overview";

export const metadata = { title: "Overview · Switchboard" };

/** The org's home: counts linking to the filtered list, opened/closed and conflicts per day, load per agent, reasons. */
export default async function OverviewPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const person = await requireOrg(orgId);
  const overview = await loadOverview(person, orgId);
  if (overview.state !== "ok") {
    return (
      <div className="space-y-5">
        <h1 className="text-xl font-semibold">Overview</h1>
        <LoadFailure section={overview} what="the overview" />
      </div>
    );
  }
  const stats = overview.data;
  const period = periodLabel(stats);
  const dailyRows = stats.daily.map((day) => ({ label: dayLabel(day.date), opened: day.opened, closed: day.closed }));
  const conflictRows = stats.conflicts_per_day?.map((day) => ({ label: dayLabel(day.date), conflicts: day.count })) ?? null;
  const deactivations = stats.counts.deactivated_in_period;
  const groupNames = new Map(stats.load.groups.map((group) => [group.group_id, group.name]));
  return (
    <div className="space-y-6">
      <div>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <h1 className="text-xl font-semibold">Overview</h1>
          <LiveRefresh orgId={orgId} watch={{ kind: "overview" }} />
        </div>
        <p className="text-sm text-muted-foreground">
          Now, and over the last 30 days ({period}, days in UTC).
        </p>
      </div>

      <section aria-labelledby="counts-heading">
        <h2 id="counts-heading" className="sr-only">
          Counts
        </h2>
        <ul className="grid grid-cols-2 gap-3 md:grid-cols-3 2xl:grid-cols-6">
          {overviewCards(orgId, stats).map((card) => {
            const body = (
              <>
                <span className="flex items-center justify-between gap-1 text-sm font-medium text-muted-foreground">
                  {card.label}
                  {card.href ? <ChevronRight aria-hidden="true" className="size-4 shrink-0" /> : null}
                </span>
                <span className="mt-1 block text-2xl font-semibold tabular-nums" data-testid={`count-${card.name}`}>
                  {formatCount(stats.counts[card.name])}
                </span>
                <span className="mt-0.5 block text-xs text-muted-foreground">{card.hint}</span>
              </>
            );
            return (
              <li key={card.name} className="min-w-0">
                {card.href ? (
                  <Link
                    href={card.href}
                    className="block h-full rounded-lg border border-border bg-surface px-4 py-3 shadow-xs hover:border-border-strong hover:bg-surface-hover focus-visible:outline-2 focus-visible:outline-ring"
                  >
                    {body}
                  </Link>
                ) : (
                  <div className="h-full rounded-lg border border-border bg-surface px-4 py-3 shadow-xs">{body}</div>
                )}
              </li>
            );
          })}
        </ul>
      </section>

      <DailyFigures
        id="daily"
        title="Chatrooms opened and closed per day"
        description="Closed: deactivated or expired, whichever came first."
        rows={dailyRows}
        series={[
          { key: "opened", label: "Opened", color: "var(--primary)" },
          { key: "closed", label: "Closed", color: "var(--chart-muted)" },
        ]}
      />

      {conflictRows ? (
        <DailyFigures
          id="conflicts"
          title="Conflicts per day"
          description="Creates and activations refused because the number already had an active chatroom."
          rows={conflictRows}
          series={[{ key: "conflicts", label: "Conflicts", color: "var(--danger)" }]}
        />
      ) : (
        <Card>
          <CardHeader>
            <CardTitle>Conflicts per day</CardTitle>
          </CardHeader>
          <CardContent>
            <p className="text-sm text-muted-foreground">Only org admins see the conflict log.</p>
          </CardContent>
        </Card>
      )}

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="load-heading" className="min-w-0 space-y-2">
          <h2 id="load-heading" className="text-base font-semibold">
            Load per agent
          </h2>
          <p className="text-sm text-muted-foreground">Active chatrooms each agent is a member of now; members are active users of the group.</p>
          <Table aria-labelledby="load-heading">
            <TableHead>
              <tr>
                <TableHeaderCell>Agent</TableHeaderCell>
                <TableHeaderCell>Groups</TableHeaderCell>
                <TableHeaderCell className="text-right">Chatrooms</TableHeaderCell>
              </tr>
            </TableHead>
            <TableBody>
              {stats.load.agents.map((agent) => (
                <TableRow key={agent.user_id} data-testid="agent-row" data-user-id={agent.user_id}>
                  <TableCell>
                    <Link href={agentChatroomsHref(orgId, agent.user_id)} className="font-medium text-link underline-offset-2 hover:underline">
                      {agent.name}
                    </Link>
                    {agent.active ? null : <span className="text-muted-foreground"> (disabled)</span>}
                    {agent.role === "ADMIN" ? <span className="text-muted-foreground"> · admin</span> : null}
                  </TableCell>
                  <TableCell className="text-muted-foreground">
                    {agent.group_ids.length === 0 ? "None" : agent.group_ids.map((id) => groupNames.get(id) ?? id).join(", ")}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{formatCount(agent.active_chatrooms)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {stats.load.groups.length > 0 ? (
            <Table aria-label="Load per group">
              <TableHead>
                <tr>
                  <TableHeaderCell>Group</TableHeaderCell>
                  <TableHeaderCell>Picks by</TableHeaderCell>
                  <TableHeaderCell className="text-right">Members</TableHeaderCell>
                  <TableHeaderCell className="text-right">Chatrooms</TableHeaderCell>
                </tr>
              </TableHead>
              <TableBody>
                {stats.load.groups.map((group) => (
                  <TableRow key={group.group_id} data-testid="group-row">
                    <TableCell className="font-medium">{group.name}</TableCell>
                    <TableCell className="text-muted-foreground">{groupStrategyLabel[group.strategy] ?? group.strategy}</TableCell>
                    <TableCell className="text-right tabular-nums">{formatCount(group.active_members)}</TableCell>
                    <TableCell className="text-right tabular-nums">{formatCount(group.active_chatrooms)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          ) : null}
        </section>

        <section aria-labelledby="reasons-heading" className="min-w-0 space-y-2">
          <h2 id="reasons-heading" className="text-base font-semibold">
            Why chatrooms were deactivated
          </h2>
          {stats.deactivation_reasons.length === 0 ? (
            <p className="rounded-lg border border-border bg-surface px-4 py-3 text-sm text-muted-foreground">No chatroom was deactivated in these 30 days.</p>
          ) : (
            <Table aria-labelledby="reasons-heading">
              <TableHead>
                <tr>
                  <TableHeaderCell>Reason</TableHeaderCell>
                  <TableHeaderCell className="text-right">Chatrooms</TableHeaderCell>
                  <TableHeaderCell className="text-right">Share</TableHeaderCell>
                </tr>
              </TableHead>
              <TableBody>
                {stats.deactivation_reasons.map((row) => (
                  <TableRow key={row.reason} data-testid="reason-row">
                    <TableCell>{reasonLabel[row.reason] ?? row.reason}</TableCell>
                    <TableCell className="text-right tabular-nums">{formatCount(row.count)}</TableCell>
                    <TableCell className="text-right tabular-nums text-muted-foreground">{shareOf(row.count, deactivations)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </section>
      </div>
    </div>
  );
}

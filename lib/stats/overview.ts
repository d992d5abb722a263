import { asc, eq, sql, type SQL } from "drizzle-orm";
import { chatroomActiveAt } from "@/lib/chatrooms/conditions";
import type { Db } from "@/lib/db/client";
import { chatroomMembers, chatrooms, conflictLog, groupMembers, groups, orgs, pendingAssignments, users } from "@/lib/db/schema";
import { rowsOf, timestampParam } from "@/lib/db/sql";
import { ApiError } from "@/lib/errors";
import { STATS_DEFAULT_DAYS, STATS_EXPIRING_HOURS, STATS_MAX_DAYS, type OrgStats } from "./schemas";

const DAY_MS = 86_400_000;

export interface OrgStatsParams {
  orgId: string;
  now: Date;
  /** Days in UTC, YYYY-MM-DD, both included. */
  from?: string;
  to?: string;
  /** A MEMBER may not read the conflict log, so its figures leave it out. */
  includeConflicts: boolean;
}

interface Period {
  from: string;
  to: string;
  start: Date;
  /** The first instant after the period. */
  end: Date;
  days: string[];
}

const dayOf = (at: Date) => at.toISOString().slice(0, 10);
const startOf = (date: string) => new Date(`${date}T00:00:00.000Z`);

function invalidPeriod(path: "query.from" | "query.to", message: string): ApiError {
  return new ApiError("VALIDATION_FAILED", { issues: [{ path, message }] }, `${path}: ${message}`);
}

/** The period asked for, with the defaults: `to` today in UTC, `from` STATS_DEFAULT_DAYS days up to `to`. */
function statsPeriod(now: Date, from?: string, to?: string): Period {
  const last = to ?? dayOf(now);
  const first = from ?? dayOf(new Date(startOf(last).getTime() - (STATS_DEFAULT_DAYS - 1) * DAY_MS));
  const start = startOf(first);
  const lastStart = startOf(last);
  if (start > lastStart) throw invalidPeriod("query.from", "must not be after to");
  const length = Math.round((lastStart.getTime() - start.getTime()) / DAY_MS) + 1;
  if (length > STATS_MAX_DAYS) throw invalidPeriod("query.from", `the period may cover at most ${STATS_MAX_DAYS} days`);
  const days = Array.from({ length }, (_, index) => dayOf(new Date(start.getTime() + index * DAY_MS)));
  return { from: first, to: last, start, end: new Date(lastStart.getTime() + DAY_MS), days };
}

/** The UTC day of a timestamp column, as text. */
const utcDay = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD')`;

/** Within the period and not after `now`: a deadline in the future has not happened yet. */
const happened = (column: SQL, period: Period, now: Date) =>
  sql`(${column} >= ${timestampParam(period.start)} and ${column} < ${timestampParam(period.end)} and ${column} <= ${timestampParam(now)})`;

/** The figures about chatrooms active now: counts, and how many each user holds (chatrooms_org_open_idx). */
async function activeFigures(db: Db, orgId: string, now: Date) {
  const soon = timestampParam(new Date(now.getTime() + STATS_EXPIRING_HOURS * 3_600_000));
  const pending = sql`exists (select 1 from ${pendingAssignments} where ${pendingAssignments.chatroomId} = active.id)`;
  const held = sql`exists (
    select 1 from ${chatroomMembers} where ${chatroomMembers.chatroomId} = active.id and ${chatroomMembers.revokedAt} is null)`;
  const result = await db.execute(sql`
    with active as materialized (
      select ${chatrooms.id} as id, ${chatrooms.expiryTs} as expiry_ts from ${chatrooms}
      where ${chatrooms.orgId} = ${orgId} and ${chatroomActiveAt(now)}
    )
    select null as user_id,
      (select count(*) from active)::int as active,
      (select count(*) from active where ${pending})::int as pending_handover,
      (select count(*) from active where not ${pending} and not ${held})::int as unassigned,
      (select count(*) from active where expiry_ts <= ${soon})::int as expiring_soon
    union all
    select ${chatroomMembers.userId}, count(*)::int, 0, 0, 0
    from active join ${chatroomMembers} on ${chatroomMembers.chatroomId} = active.id and ${chatroomMembers.revokedAt} is null
    group by ${chatroomMembers.userId}`);
  const rows = rowsOf<{ user_id: string | null; active: number; pending_handover: number; unassigned: number; expiring_soon: number }>(result);
  const totals = rows.find((row) => row.user_id === null);
  const heldBy = new Map(rows.flatMap((row) => (row.user_id === null ? [] : [[row.user_id, row.active] as const])));
  return {
    counts: {
      active: totals?.active ?? 0,
      pending_handover: totals?.pending_handover ?? 0,
      unassigned: totals?.unassigned ?? 0,
      expiring_soon: totals?.expiring_soon ?? 0,
    },
    heldBy,
  };
}

/**
 * When a chatroom stops being active (R2, R4, R6), written out or not: at its deactivation (deactivated_at,
 * else the inactivity deadline), or at expiry, whichever comes first. A deactivation always comes before
 * expiry (an expired chatroom cannot be deactivated, and inactivity lapses only before expiry), so a
 * deactivated chatroom closed at its deactivation. The expression of chatrooms_org_closing_idx.
 */
const closedAt = sql`least(coalesce(${chatrooms.deactivatedAt}, ${chatrooms.inactivityDeadline}), ${chatrooms.expiryTs})`;

/** The closings of the period per day and, for deactivations, per reason: one index-only range scan. */
async function closingFigures(db: Db, orgId: string, period: Period, now: Date) {
  const [closings, expired] = await Promise.all([
    db.execute(sql`
      select ${utcDay(closedAt)} as day,
        case when ${chatrooms.deactivatedAt} is not null or ${chatrooms.inactivityDeadline} < ${chatrooms.expiryTs}
          then coalesce(${chatrooms.deactivationReason}, 'INACTIVITY') end as reason,
        count(*)::int as count
      from ${chatrooms}
      where ${chatrooms.orgId} = ${orgId} and ${happened(closedAt, period, now)}
      group by 1, 2`),
    db.execute(sql`
      select count(*)::int as count from ${chatrooms}
      where ${chatrooms.orgId} = ${orgId} and ${happened(sql`${chatrooms.expiryTs}`, period, now)}`),
  ]);
  const rows = rowsOf<{ day: string; reason: OrgStats["deactivation_reasons"][number]["reason"] | null; count: number }>(closings);
  const closedPerDay = new Map<string, number>();
  const byReason = new Map<OrgStats["deactivation_reasons"][number]["reason"], number>();
  for (const row of rows) {
    closedPerDay.set(row.day, (closedPerDay.get(row.day) ?? 0) + row.count);
    if (row.reason !== null) byReason.set(row.reason, (byReason.get(row.reason) ?? 0) + row.count);
  }
  const reasons = [...byReason]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  return {
    closedPerDay,
    reasons,
    deactivated: reasons.reduce((sum, row) => sum + row.count, 0),
    expired: rowsOf<{ count: number }>(expired)[0]?.count ?? 0,
  };
}

async function perDay(db: Db, query: SQL): Promise<Map<string, number>> {
  const rows = rowsOf<{ day: string; count: number }>(await db.execute(query));
  return new Map(rows.map((row) => [row.day, row.count]));
}

function openedPerDay(db: Db, orgId: string, period: Period, now: Date) {
  return perDay(
    db,
    sql`select ${utcDay(sql`${chatrooms.createdAt}`)} as day, count(*)::int as count from ${chatrooms}
        where ${chatrooms.orgId} = ${orgId} and ${happened(sql`${chatrooms.createdAt}`, period, now)} group by 1`,
  );
}

function conflictsPerDay(db: Db, orgId: string, period: Period, now: Date) {
  return perDay(
    db,
    sql`select ${utcDay(sql`${conflictLog.at}`)} as day, count(*)::int as count from ${conflictLog}
        where ${conflictLog.orgId} = ${orgId} and ${happened(sql`${conflictLog.at}`, period, now)} group by 1`,
  );
}

async function directory(db: Db, orgId: string) {
  const [org] = await db.select({ groupStrategy: orgs.groupStrategy }).from(orgs).where(eq(orgs.id, orgId));
  // withApi has checked the org's access, so the org exists.
  if (!org) throw new Error(`org ${orgId} vanished during the request`);
  const [people, groupRows, memberships] = await Promise.all([
    db
      .select({ id: users.id, name: users.name, role: users.role, active: users.active })
      .from(users)
      .where(eq(users.orgId, orgId))
      .orderBy(asc(users.name), asc(users.id)),
    db.select({ id: groups.id, name: groups.name }).from(groups).where(eq(groups.orgId, orgId)).orderBy(asc(groups.name), asc(groups.id)),
    db
      .select({ groupId: groupMembers.groupId, userId: groupMembers.userId })
      .from(groupMembers)
      .where(eq(groupMembers.orgId, orgId)),
  ]);
  return { strategy: org.groupStrategy, people, groupRows, memberships };
}

/**
 * The org's overview: what is active now, what opened, closed and conflicted per day over a period, who holds
 * how many active chatrooms, and why chatrooms were deactivated. Computed in SQL at `now`, without writing.
 */
export async function orgStats(db: Db, params: OrgStatsParams): Promise<OrgStats> {
  const { orgId, now } = params;
  const period = statsPeriod(now, params.from, params.to);
  const [people, active, closings, opened, conflicts] = await Promise.all([
    directory(db, orgId),
    activeFigures(db, orgId, now),
    closingFigures(db, orgId, period, now),
    openedPerDay(db, orgId, period, now),
    params.includeConflicts ? conflictsPerDay(db, orgId, period, now) : Promise.resolve(null),
  ]);
  const groupsOf = new Map<string, string[]>();
  for (const membership of people.memberships) groupsOf.set(membership.userId, [...(groupsOf.get(membership.userId) ?? []), membership.groupId]);
  const held = (userId: string) => active.heldBy.get(userId) ?? 0;
  const agents = people.people
    .filter((person) => person.active || held(person.id) > 0)
    .map((person) => ({
      user_id: person.id,
      name: person.name,
      role: person.role,
      active: person.active,
      active_chatrooms: held(person.id),
      group_ids: groupsOf.get(person.id) ?? [],
    }))
    .sort((a, b) => b.active_chatrooms - a.active_chatrooms);
  const activeUsers = new Set(people.people.filter((person) => person.active).map((person) => person.id));
  return {
    org_id: orgId,
    generated_at: now.toISOString(),
    from: period.from,
    to: period.to,
    counts: { ...active.counts, deactivated_in_period: closings.deactivated, expired_in_period: closings.expired },
    daily: period.days.map((date) => ({ date, opened: opened.get(date) ?? 0, closed: closings.closedPerDay.get(date) ?? 0 })),
    conflicts_per_day: conflicts ? period.days.map((date) => ({ date, count: conflicts.get(date) ?? 0 })) : null,
    deactivation_reasons: closings.reasons,
    load: {
      agents,
      groups: people.groupRows.map((group) => {
        const members = people.memberships.filter((membership) => membership.groupId === group.id).map((membership) => membership.userId);
        return {
          group_id: group.id,
          name: group.name,
          strategy: people.strategy,
          active_members: members.filter((userId) => activeUsers.has(userId)).length,
          active_chatrooms: members.reduce((sum, userId) => sum + held(userId), 0),
        };
      }),
    },
  };
}

import { asc, eq, sql, type SQL } from "drizzle-orm";
import { chatroomActiveAt, chatroomOpen } from "@/lib/chatrooms/conditions";
import type { Db } from "@/lib/db/client";
import { chatroomStatKeys, chatrooms, conflictLog, groupMembers, groups, orgs, statsCounts, users } from "@/lib/db/schema";
import { rowsOf, timestampParam } from "@/lib/db/sql";
import { ApiError } from "@/lib/errors";
import { STATS_DEFAULT_DAYS, STATS_EXPIRING_HOURS, STATS_MAX_DAYS, STATS_RECENT_CONFLICT_DAYS, type OrgStats, type OrgsStats } from "./schemas";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

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

/** In [from, period end) and not after `now`: a deadline in the future has not happened yet. */
const happened = (column: SQL, from: Date, period: Period, now: Date) =>
  sql`(${column} >= ${timestampParam(from)} and ${column} < ${timestampParam(period.end)} and ${column} <= ${timestampParam(now)})`;

/**
 * When a chatroom stops being active (R2, R4, R6), written out or not: at its deactivation (deactivated_at,
 * else the inactivity deadline), or at expiry, whichever comes first. A deactivation always comes before
 * expiry (an expired chatroom cannot be deactivated, and inactivity lapses only before expiry), so a
 * deactivated chatroom closed at its deactivation. The expression of chatrooms_org_closing_idx.
 */
const closedAt = sql`least(coalesce(${chatrooms.deactivatedAt}, ${chatrooms.inactivityDeadline}), ${chatrooms.expiryTs})`;

type Reason = OrgStats["deactivation_reasons"][number]["reason"];

/** Per-day tallies of the period, and the current figures, as the counters and the live corrections add up. */
class Tally {
  readonly opened = new Map<string, number>();
  readonly closed = new Map<string, number>();
  readonly conflicts = new Map<string, number>();
  readonly reasons = new Map<Reason, number>();
  readonly current = new Map<string, number>();
  expired = 0;

  add(metric: string, day: string | null, key: string, n: number) {
    const bump = <K>(map: Map<K, number>, at: K) => map.set(at, (map.get(at) ?? 0) + n);
    if (day === null) bump(this.current, metric === "held" ? `held:${key}` : metric);
    else if (metric === "opened") bump(this.opened, day);
    else if (metric === "conflicts") bump(this.conflicts, day);
    else if (metric === "expiry") this.expired += n;
    else if (metric === "closed") {
      bump(this.closed, day);
      if (key !== "") bump(this.reasons, key as Reason);
    }
  }

  /** The deactivation reasons of the period, most frequent first. */
  reasonList(): OrgStats["deactivation_reasons"] {
    return [...this.reasons]
      .filter(([, count]) => count > 0)
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  }
}

type TallyRow = { org_id: string; metric: string; day: string | null; key: string; n: number };

/** Each org's tally, filled from rows that name their org. */
class Tallies {
  private readonly byOrg = new Map<string, Tally>();

  constructor(orgIds: readonly string[]) {
    for (const orgId of orgIds) this.byOrg.set(orgId, new Tally());
  }

  of(orgId: string): Tally {
    const tally = this.byOrg.get(orgId);
    if (!tally) throw new Error(`no tally for org ${orgId}`);
    return tally;
  }

  addRows(rows: TallyRow[]) {
    for (const row of rows) this.of(row.org_id).add(row.metric, row.day, row.key, row.n);
  }
}

/** The orgs as a relation `o(org_id)`, so that each per-org scan below runs once per org on its own index range. */
const orgList = (orgIds: readonly string[]) => sql`unnest(array[${sql.join(orgIds.map((id) => sql`${id}`), sql`, `)}]::text[]) as o(org_id)`;

/**
 * The counters of stats_counts: current metrics, and the hourly ones of the whole hours of the period
 * before `until` (the start of the current hour, or the period's end if earlier).
 */
async function addCounters(db: Db, tallies: Tallies, orgIds: readonly string[], period: Period, until: Date) {
  const rows = rowsOf<TallyRow>(
    await db.execute(sql`
      select o.org_id, c.metric, c.day, c.key, c.n from ${orgList(orgIds)} cross join lateral (
        select ${statsCounts.metric} as metric, ${utcDay(sql`${statsCounts.hour}`)} as day, ${statsCounts.key} as key, sum(${statsCounts.n})::int as n
        from ${statsCounts}
        where ${statsCounts.orgId} = o.org_id
          and (${statsCounts.hour} is null
            or (${statsCounts.hour} >= ${timestampParam(period.start)} and ${statsCounts.hour} < ${timestampParam(until)}))
        group by 1, 2, 3
      ) c`),
  );
  tallies.addRows(rows);
}

/**
 * R4: open chatrooms past a deadline that no writer has written out yet. The counters still hold them as
 * open; they stopped being active at their deadline, so they leave the current figures and, when their
 * deadline falls in the counted hours, join that day's closings. Two range scans per org: past the
 * inactivity deadline (chatrooms_org_open_idx), else past expiry (chatrooms_org_open_expiry_idx). The
 * column statistics cover closed chatrooms too, whose deadlines are mostly past, so the planner expects
 * most of the org here; the ORDER BY of each scan keeps it on its index, and each room's keys are one lookup.
 */
async function addUnwrittenLapses(db: Db, tallies: Tallies, orgIds: readonly string[], period: Period, until: Date, now: Date) {
  const at = timestampParam(now);
  const open = sql`${chatrooms.orgId} = o.org_id and ${chatroomOpen}`;
  const rows = rowsOf<TallyRow>(
    await db.execute(sql`
      with due as (
        select o.org_id, d.id, d.lapsed_at, d.inactive from ${orgList(orgIds)} cross join lateral (
          (select ${chatrooms.id} as id, least(${chatrooms.inactivityDeadline}, ${chatrooms.expiryTs}) as lapsed_at,
            ${chatrooms.inactivityDeadline} < ${chatrooms.expiryTs} as inactive
          from ${chatrooms} where ${open} and ${chatrooms.inactivityDeadline} <= ${at}
          order by ${chatrooms.inactivityDeadline})
          union all
          (select ${chatrooms.id}, ${chatrooms.expiryTs}, false
          from ${chatrooms} where ${open} and ${chatrooms.expiryTs} <= ${at} and ${chatrooms.inactivityDeadline} > ${at}
          order by ${chatrooms.expiryTs})
        ) d
      ), lapsed as (
        select due.org_id, due.lapsed_at, due.inactive,
          (select ${chatroomStatKeys.keys} from ${chatroomStatKeys}
           where ${chatroomStatKeys.orgId} = due.org_id and ${chatroomStatKeys.chatroomId} = due.id) as keys
        from due
      )
      select org_id, case when k like 'held:%' then 'held' else k end as metric, null as day,
        case when k like 'held:%' then substr(k, 6) else '' end as key, -count(*)::int as n
      from lapsed, unnest(keys) as k group by 1, 2, 4
      union all
      select org_id, 'closed', ${utcDay(sql`lapsed_at`)}, case when inactive then 'INACTIVITY' else '' end, count(*)::int
      from lapsed
      where lapsed_at >= ${timestampParam(period.start)} and lapsed_at < ${timestampParam(until)}
      group by 1, 3, 4`),
  );
  tallies.addRows(rows);
}

/** The part of the period in the current hour, up to `now`, counted from the rows: the counters' hour is not over. */
async function addCurrentHour(db: Db, tallies: Tallies, orgIds: readonly string[], period: Period, from: Date, now: Date, includeConflicts: boolean) {
  const day = dayOf(now);
  const reason = sql`case when ${chatrooms.deactivatedAt} is not null or ${chatrooms.inactivityDeadline} < ${chatrooms.expiryTs}
    then coalesce(${chatrooms.deactivationReason}, 'INACTIVITY') else '' end`;
  const conflicts = includeConflicts
    ? sql`union all select 'conflicts', '', count(*)::int from ${conflictLog}
        where ${conflictLog.orgId} = o.org_id and ${happened(sql`${conflictLog.at}`, from, period, now)}`
    : sql``;
  const rows = rowsOf<TallyRow>(
    await db.execute(sql`
      select o.org_id, c.metric, ${day}::text as day, c.key, c.n from ${orgList(orgIds)} cross join lateral (
        select 'opened' as metric, '' as key, count(*)::int as n from ${chatrooms}
        where ${chatrooms.orgId} = o.org_id and ${happened(sql`${chatrooms.createdAt}`, from, period, now)}
        union all
        select 'expiry', '', count(*)::int from ${chatrooms}
        where ${chatrooms.orgId} = o.org_id and ${happened(sql`${chatrooms.expiryTs}`, from, period, now)}
        union all
        select 'closed', ${reason}, count(*)::int from ${chatrooms}
        where ${chatrooms.orgId} = o.org_id and ${happened(closedAt, from, period, now)}
        group by 2
        ${conflicts}
      ) c`),
  );
  tallies.addRows(rows);
}

/** Active chatrooms whose expiry (R1) falls within the next STATS_EXPIRING_HOURS (chatrooms_org_open_expiry_idx). */
async function addExpiringSoon(db: Db, tallies: Tallies, orgIds: readonly string[], now: Date) {
  const soon = timestampParam(new Date(now.getTime() + STATS_EXPIRING_HOURS * 3_600_000));
  const rows = rowsOf<TallyRow>(
    await db.execute(sql`
      select o.org_id, 'expiring_soon' as metric, null as day, '' as key, c.n from ${orgList(orgIds)} cross join lateral (
        select count(*)::int as n from ${chatrooms}
        where ${chatrooms.orgId} = o.org_id and ${chatroomActiveAt(now)} and ${chatrooms.expiryTs} <= ${soon}
      ) c`),
  );
  tallies.addRows(rows);
}

/**
 * The figures of every org in `orgIds` over `period` at `now`, in one REPEATABLE READ read-only snapshot
 * (together with whatever `alsoRead` reads in it): the counters of whole hours (stats_counts), corrected by
 * the rows of the current hour and by the lapses not yet written out, so that each figure is exactly what
 * counting every chatroom would give.
 */
async function readTallies<T>(
  db: Db,
  params: { orgIds: readonly string[]; period: Period; now: Date; includeConflicts: boolean },
  alsoRead: (tx: Db) => Promise<T>,
): Promise<{ tallies: Tallies; also: T }> {
  const { orgIds, period, now } = params;
  const hourStart = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
  const until = hourStart < period.end ? hourStart : period.end;
  const currentFrom = hourStart > period.start ? hourStart : period.start;
  const tallies = new Tallies(orgIds);
  if (orgIds.length === 0) return { tallies, also: await alsoRead(db) };
  return db.transaction(
    async (tx) => {
      // The planner expects most of an org in the lapse scans (see addUnwrittenLapses), so their cost passes
      // jit_above_cost, and compiling them took 0.5 s where running them takes well under 1 ms.
      await tx.execute(sql`set local jit = off`);
      const also = await alsoRead(tx);
      // One after the other: they share the snapshot's one connection.
      await addCounters(tx, tallies, orgIds, period, until);
      await addUnwrittenLapses(tx, tallies, orgIds, period, until, now);
      if (currentFrom < period.end && currentFrom <= now) {
        await addCurrentHour(tx, tallies, orgIds, period, currentFrom, now, params.includeConflicts);
      }
      await addExpiringSoon(tx, tallies, orgIds, now);
      return { tallies, also };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

/** The headline counts of an org's overview, from its tally. */
function countsOf(tally: Tally): OrgStats["counts"] {
  const current = (key: string) => tally.current.get(key) ?? 0;
  return {
    active: current("open"),
    pending_handover: current("pending_handover"),
    unassigned: current("unassigned"),
    expiring_soon: current("expiring_soon"),
    deactivated_in_period: tally.reasonList().reduce((sum, row) => sum + row.count, 0),
    expired_in_period: tally.expired,
  };
}

async function directory(db: Db, orgId: string) {
  const [org] = await db.select({ groupStrategy: orgs.groupStrategy }).from(orgs).where(eq(orgs.id, orgId));
  // withApi has checked the org's access, so the org exists.
  if (!org) throw new Error(`org ${orgId} vanished during the request`);
  // One after the other: they share the snapshot's one connection.
  const people = await db
    .select({ id: users.id, name: users.name, role: users.role, active: users.active })
    .from(users)
    .where(eq(users.orgId, orgId))
    .orderBy(asc(users.name), asc(users.id));
  const groupRows = await db
    .select({ id: groups.id, name: groups.name })
    .from(groups)
    .where(eq(groups.orgId, orgId))
    .orderBy(asc(groups.name), asc(groups.id));
  const memberships = await db
    .select({ groupId: groupMembers.groupId, userId: groupMembers.userId })
    .from(groupMembers)
    .where(eq(groupMembers.orgId, orgId));
  return { strategy: org.groupStrategy, people, groupRows, memberships };
}

/**
 * The org's overview: what is active now, what opened, closed and conflicted per day over a period, who holds
 * how many active chatrooms, and why chatrooms were deactivated. Read at `now` in one snapshot, without
 * writing: the counters of whole hours (stats_counts), corrected by the rows of the current hour and by the
 * lapses not yet written out, so that each figure is exactly what counting every chatroom would give.
 */
export async function orgStats(db: Db, params: OrgStatsParams): Promise<OrgStats> {
  const { orgId, now } = params;
  const period = statsPeriod(now, params.from, params.to);
  const read = await readTallies(db, { orgIds: [orgId], period, now, includeConflicts: params.includeConflicts }, (tx) => directory(tx, orgId));
  const tally = read.tallies.of(orgId);
  const people = read.also;
  const groupsOf = new Map<string, string[]>();
  for (const membership of people.memberships) groupsOf.set(membership.userId, [...(groupsOf.get(membership.userId) ?? []), membership.groupId]);
  const held = (userId: string) => tally.current.get(`held:${userId}`) ?? 0;
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
    counts: countsOf(tally),
    daily: period.days.map((date) => ({ date, opened: tally.opened.get(date) ?? 0, closed: tally.closed.get(date) ?? 0 })),
    conflicts_per_day: params.includeConflicts ? period.days.map((date) => ({ date, count: tally.conflicts.get(date) ?? 0 })) : null,
    deactivation_reasons: tally.reasonList(),
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

/**
 * The roll-up of several orgs (a partner's, a support agent's): each org's overview counts over the default
 * period and its conflicts of the last days, read in one snapshot with one query per kind of figure for all
 * of them. `orgs` are the ones the caller may see; nothing else is read.
 */
export async function orgsStats(
  db: Db,
  params: { orgs: readonly { id: string; name: string }[]; now: Date; includeConflicts: boolean },
): Promise<OrgsStats> {
  const { now } = params;
  const period = statsPeriod(now);
  const orgIds = params.orgs.map((org) => org.id);
  const { tallies } = await readTallies(db, { orgIds, period, now, includeConflicts: params.includeConflicts }, async () => undefined);
  const recentDays = period.days.slice(-STATS_RECENT_CONFLICT_DAYS);
  return {
    generated_at: now.toISOString(),
    from: period.from,
    to: period.to,
    items: params.orgs.map((org) => {
      const tally = tallies.of(org.id);
      return {
        org_id: org.id,
        name: org.name,
        counts: countsOf(tally),
        recent_conflicts: params.includeConflicts ? recentDays.reduce((sum, date) => sum + (tally.conflicts.get(date) ?? 0), 0) : null,
      };
    }),
  };
}

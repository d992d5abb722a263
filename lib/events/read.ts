import { sql, type SQL } from "drizzle-orm";
import type { Actor } from "@/lib/principals/actor";
import type { Db } from "@/lib/db/client";
import { chatroomMembers, chatrooms, events } from "@/lib/db/schema";
import { rowsOf } from "@/lib/db/sql";
import { encodeEventId, type EventObject, type EventPosition, type EventType } from "./schemas";

/**
 * The oldest transaction id still running: every event of an older transaction has committed (or never
 * will), and every event yet to commit has a transaction id at least this. Reading only below it, in
 * (xact, id) order, never skips an event; writers of an org are not serialized for it.
 */
export const visibleHorizon = sql`(pg_snapshot_xmin(pg_current_snapshot())::text)::bigint`;

/** Org-level events a MEMBER may read (it may read the config and the contacts through the API too). */
const MEMBER_ORG_TYPES = ["config.updated", "contact.created", "contact.updated"] satisfies EventType[];

/**
 * Which events the request's actor may see. ADMINs (users, partners, the console) see all. A MEMBER sees
 * the events of chatrooms it is a current member of, message events as R22 allows (under `joined` only
 * those received at or after its grant), and the org-level events above; anyone else only the latter.
 */
function visibleTo(actor: Actor): SQL {
  if (actor.role === "ADMIN") return sql`true`;
  const orgLevel = sql`(${events.chatroomId} is null and ${events.type} in (${sql.join(
    MEMBER_ORG_TYPES.map((type) => sql`${type}`),
    sql`, `,
  )}))`;
  if (actor.type !== "user" || actor.id === null) return orgLevel;
  return sql`(${orgLevel} or exists (
    select 1 from ${chatroomMembers} join ${chatrooms} on ${chatrooms.id} = ${chatroomMembers.chatroomId}
    where ${chatroomMembers.chatroomId} = ${events.chatroomId} and ${chatroomMembers.userId} = ${actor.id}
      and ${chatroomMembers.revokedAt} is null
      and (${events.type} not like 'message.%' or ${chatrooms.historyVisibility} = 'shared'
        or ${events.occurredAt} >= ${chatroomMembers.grantedAt})))`;
}

interface EventRow {
  id: string | number;
  xact: string | number;
  org_id: string;
  type: EventType;
  chatroom_id: string | null;
  actor: EventObject["actor"];
  occurred_at: string | Date;
  data: EventObject["data"];
  kept: boolean;
}

function toEventObject(row: EventRow): EventObject {
  return {
    id: encodeEventId({ xact: Number(row.xact), id: Number(row.id) }),
    type: row.type,
    org_id: row.org_id,
    occurred_at: new Date(row.occurred_at).toISOString(),
    chatroom_id: row.chatroom_id,
    actor: row.actor,
    data: row.data,
  };
}

export interface EventRead {
  orgId: string;
  actor: Actor;
  after: EventPosition;
  types?: EventType[];
  /** How many events to look at: those the actor may not see, or of other types, count too. */
  limit: number;
  /**
   * A snapshot (`pg_snapshot` text) whose events the reader has already had: they are looked at but not
   * sent. It is how a stream starts "from now on" while an older transaction is still open.
   */
  seenIn?: string;
}

export interface EventBatch {
  items: EventObject[];
  /** How many events were looked at, and the position of the last: where the next read starts. */
  scanned: number;
  last: EventPosition | null;
}

/**
 * The org's events after `after` that have become visible, in order, as the actor may see them. It looks
 * at `limit` events and filters them, so that a reader who may see few of them still moves on.
 */
export async function readEvents(db: Db, params: EventRead): Promise<EventBatch> {
  const ofTypes = params.types?.length
    ? sql`${events.type} in (${sql.join(
        params.types.map((type) => sql`${type}`),
        sql`, `,
      )})`
    : sql`true`;
  const result = await db.execute(sql`
    select ${events.id} as id, ${events.xact} as xact, ${events.orgId} as org_id, ${events.type} as type,
      ${events.chatroomId} as chatroom_id, ${events.actor} as actor, ${events.occurredAt} as occurred_at, ${events.data} as data,
      (${ofTypes} and ${visibleTo(params.actor)} and ${notSeenIn(params.seenIn)}) as kept
    from ${events}
    where ${events.orgId} = ${params.orgId}
      and (${events.xact}, ${events.id}) > (${params.after.xact}, ${params.after.id})
      and ${events.xact} < ${visibleHorizon}
    order by ${events.xact}, ${events.id}
    limit ${params.limit}`);
  const rows = rowsOf<EventRow>(result);
  const lastRow = rows[rows.length - 1];
  return {
    items: rows.filter((row) => row.kept).map(toEventObject),
    scanned: rows.length,
    last: lastRow ? { xact: Number(lastRow.xact), id: Number(lastRow.id) } : null,
  };
}

function notSeenIn(snapshot: string | undefined): SQL {
  if (snapshot === undefined) return sql`true`;
  return sql`not pg_visible_in_snapshot((${events.xact}::text)::xid8, ${snapshot}::pg_snapshot)`;
}

/**
 * Where a reader starts that wants the events from now on. Ids are not in commit order, so no position
 * alone says "from now on": events below the horizon have all committed, while above it some have and
 * some have not. The position is the horizon, and `seenIn` the snapshot that tells those apart.
 */
export async function currentPosition(db: Db): Promise<{ after: EventPosition; seenIn: string }> {
  const [row] = rowsOf<{ horizon: string | number; snapshot: string }>(
    await db.execute(sql`select ${visibleHorizon} as horizon, pg_current_snapshot()::text as snapshot`),
  );
  return { after: { xact: Number(row!.horizon), id: 0 }, seenIn: row!.snapshot };
}

/** GET .../events: a page of the org's events in order. */
export async function listEvents(db: Db, params: Omit<EventRead, "after"> & { after?: EventPosition }) {
  const batch = await readEvents(db, { ...params, after: params.after ?? { xact: 0, id: 0 } });
  return {
    items: batch.items,
    next_cursor: batch.scanned === params.limit && batch.last ? encodeEventId(batch.last) : null,
  };
}

import { and, asc, desc, eq, exists, isNull, not, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { contactMatches } from "@/lib/contacts/service";
import type { Db } from "@/lib/db/client";
import { chatroomMembers, chatrooms, contacts, pendingAssignments } from "@/lib/db/schema";
import { rowsOf, timestampParam } from "@/lib/db/sql";
import { ApiError, notFound } from "@/lib/errors";
import { decodeCursor, encodeCursor } from "@/lib/pagination";
import { chatroomActiveAt } from "./conditions";
import { loadChatroom, loadChatrooms, toChatroomDetail, type ChatroomQuery, type ChatroomRecord } from "./records";
import { chatroomSortSchema, EXACT_TOTAL_LIMIT, sortOrderSchema } from "./schemas";

type ChatroomSort = z.infer<typeof chatroomSortSchema>;
type SortOrder = z.infer<typeof sortOrderSchema>;

/** The list's filters as of `now` (R4): what a bulk action's filter selects too. */
export interface ChatroomFilter {
  orgId: string;
  now: Date;
  status?: "active" | "deactivated" | "expired";
  q?: string;
  phone?: string;
  contactId?: string;
  remotePhoneId?: string;
  assignee?: string;
  pendingHandover?: boolean;
  unassigned?: boolean;
  expiringWithinHours?: number;
}

export interface ListChatroomsParams extends ChatroomFilter {
  sort: ChatroomSort;
  order?: SortOrder;
  cursor?: string;
  limit: number;
}

/** A keyset position: the sort it belongs to, which way it points, and the row's sort key. */
interface ListCursor {
  s: ChatroomSort;
  o: SortOrder;
  /** "next": the rows after this one; "prev": the rows before it. */
  d: "next" | "prev";
  t: string;
  id: string;
}

/**
 * The sort keys: each has an index on (org_id, key, id). The deactivation deadline is R6's deactivation_ts:
 * the actual time once deactivated, else the projected one (a lapse not yet written out included, R4).
 */
const sortKeys: Record<ChatroomSort, { column: SQL; of: (room: ChatroomRecord) => Date }> = {
  created: { column: sql`${chatrooms.createdAt}`, of: (room) => room.createdAt },
  activity: { column: sql`${chatrooms.lastActivityAt}`, of: (room) => room.lastActivityAt },
  expiry: { column: sql`${chatrooms.expiryTs}`, of: (room) => room.expiryTs },
  deactivation: {
    column: sql`coalesce(${chatrooms.deactivatedAt}, ${chatrooms.inactivityDeadline})`,
    of: (room) => room.deactivatedAt ?? room.inactivityDeadline,
  },
};

/** Times newest first, deadlines soonest first. */
function defaultOrder(sort: ChatroomSort): SortOrder {
  return sort === "created" || sort === "activity" ? "desc" : "asc";
}

/** Status as of `now` (R4, R6): expired wins over deactivated, which wins over active. */
function statusCondition(status: "active" | "deactivated" | "expired", now: Date): SQL {
  const at = timestampParam(now);
  const expired = sql`(${chatrooms.expiredAt} is not null or ${chatrooms.expiryTs} <= ${at})`;
  if (status === "expired") return expired;
  if (status === "active") return chatroomActiveAt(now);
  return sql`(not ${expired} and (${chatrooms.deactivatedAt} is not null or ${chatrooms.inactivityDeadline} <= ${at}))`;
}

/** The filters' conditions on `chatrooms` (the search reads `contacts` too: join it when `q` is set). */
export function chatroomFilterConditions(db: Db, params: ChatroomFilter): SQL[] {
  const conditions: SQL[] = [];
  // Stryker disable ObjectLiteral,StringLiteral: EXISTS ignores what its subquery selects
  const currentMember = (userId?: string) =>
    exists(
      db
        .select({ one: sql`1` })
        .from(chatroomMembers)
        .where(
          and(
            eq(chatroomMembers.chatroomId, chatrooms.id),
            userId === undefined ? undefined : eq(chatroomMembers.userId, userId),
            isNull(chatroomMembers.revokedAt),
          ),
        ),
    );
  const pending = exists(db.select({ one: sql`1` }).from(pendingAssignments).where(eq(pendingAssignments.chatroomId, chatrooms.id)));
  // Stryker restore ObjectLiteral,StringLiteral
  if (params.status) conditions.push(statusCondition(params.status, params.now));
  if (params.phone) conditions.push(eq(chatrooms.phoneNumber, params.phone));
  if (params.contactId) conditions.push(eq(chatrooms.contactId, params.contactId));
  if (params.remotePhoneId) conditions.push(eq(chatrooms.remotePhoneId, params.remotePhoneId));
  if (params.assignee) conditions.push(currentMember(params.assignee));
  // A lapsed room's handover can no longer happen (R4 cancels it when the lapse is written out).
  if (params.pendingHandover) conditions.push(pending, chatroomActiveAt(params.now));
  if (params.unassigned) conditions.push(not(currentMember()), not(pending));
  if (params.expiringWithinHours !== undefined) {
    const until = new Date(params.now.getTime() + params.expiringWithinHours * 3_600_000);
    conditions.push(chatroomActiveAt(params.now), sql`${chatrooms.expiryTs} <= ${timestampParam(until)}`);
  }
  if (params.q) conditions.push(contactMatches(params.q, [chatrooms.phoneNumber, chatrooms.displayName]));
  return conditions;
}

/** Cursors of the first version carried only t and id: a next page, newest first. */
const listCursorSchema = z.strictObject({
  s: chatroomSortSchema.optional(),
  o: sortOrderSchema.optional(),
  d: z.enum(["next", "prev"]).optional(),
  t: z.iso.datetime(),
  id: z.string().min(1).max(256),
});

function readCursor(params: ListChatroomsParams, order: SortOrder): ListCursor | undefined {
  const cursor = decodeCursor(params.cursor, listCursorSchema);
  if (!cursor) return undefined;
  const sameSort = (cursor.s ?? params.sort) === params.sort && (cursor.o ?? order) === order;
  if (!sameSort) {
    throw new ApiError("VALIDATION_FAILED", {
      issues: [{ path: "query.cursor", message: "belongs to another sort or order" }],
    });
  }
  return { s: params.sort, o: order, d: cursor.d ?? "next", t: cursor.t, id: cursor.id };
}

/** The query of one page of the list: org, filters, keyset position and order. */
export function listChatroomsQuery(db: Db, params: ListChatroomsParams): ChatroomQuery & { backwards: boolean } {
  const order = params.order ?? defaultOrder(params.sort);
  const conditions = chatroomFilterConditions(db, params);
  const key = sortKeys[params.sort].column;
  const cursor = readCursor(params, order);
  const backwards = cursor?.d === "prev";
  // Reading backwards walks the same index the other way, and the page is turned round afterwards.
  const ascending = (order === "asc") !== backwards;
  if (cursor) {
    const position = sql`(${timestampParam(new Date(cursor.t))}, ${cursor.id})`;
    conditions.push(ascending ? sql`(${key}, ${chatrooms.id}) > ${position}` : sql`(${key}, ${chatrooms.id}) < ${position}`);
  }
  return {
    orgId: params.orgId,
    // Stryker disable next-line ConditionalExpression,EqualityOperator: and() of no condition is undefined too
    where: conditions.length > 0 ? and(...conditions) : undefined,
    orderBy: ascending ? [asc(key), asc(chatrooms.id)] : [desc(key), desc(chatrooms.id)],
    limit: params.limit + 1,
    backwards,
  };
}

/** How many chatrooms match the filters, counted up to EXACT_TOTAL_LIMIT + 1 only. */
export function countChatroomsQuery(db: Db, params: ListChatroomsParams): SQL {
  const conditions = [eq(chatrooms.orgId, params.orgId), ...chatroomFilterConditions(db, params)];
  // The search reads the contact's fields; no other filter needs the join.
  // Stryker disable next-line ObjectLiteral,StringLiteral: the count ignores what its subquery selects
  const from = db.select({ one: sql`1` }).from(chatrooms).$dynamic();
  const joined = params.q ? from.innerJoin(contacts, eq(contacts.id, chatrooms.contactId)) : from;
  const matching = joined.where(and(...conditions)).limit(EXACT_TOTAL_LIMIT + 1);
  return sql`select count(*)::int as count from (${matching}) as matching`;
}

/**
 * The org's chatrooms as detail objects, sorted by a time or a deadline, keyset-paginated both ways, with a
 * total that is exact up to EXACT_TOTAL_LIMIT.
 */
export async function listChatrooms(db: Db, params: ListChatroomsParams) {
  const order = params.order ?? defaultOrder(params.sort);
  const { backwards, ...query } = listChatroomsQuery(db, params);
  const [rows, counted] = await Promise.all([loadChatrooms(db, query), db.execute(countChatroomsQuery(db, params))]);
  const more = rows.length > params.limit;
  const page = rows.slice(0, params.limit);
  if (backwards) page.reverse();
  const cursorAt = (room: ChatroomRecord | undefined, direction: "next" | "prev") =>
    room
      ? encodeCursor({ s: params.sort, o: order, d: direction, t: sortKeys[params.sort].of(room).toISOString(), id: room.id })
      : null;
  // A cursor came from a row on its far side, so that side always has a page.
  const hasNext = backwards ? true : more;
  const hasPrev = backwards ? more : params.cursor !== undefined && params.cursor !== "";
  const count = rowsOf<{ count: number }>(counted)[0]?.count ?? 0;
  return {
    items: page.map((room) => toChatroomDetail(room, params.now)),
    next_cursor: hasNext ? cursorAt(page[page.length - 1], "next") : null,
    prev_cursor: hasPrev ? cursorAt(page[0], "prev") : null,
    total: { count: Math.min(count, EXACT_TOTAL_LIMIT), exact: count <= EXACT_TOTAL_LIMIT },
  };
}

export async function getChatroomDetail(db: Db, params: { orgId: string; chatroomId: string; now: Date }) {
  const room = await loadChatroom(db, params);
  if (!room) throw notFound("chatroom", params.chatroomId);
  return toChatroomDetail(room, params.now);
}

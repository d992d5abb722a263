import { and, eq, exists, ilike, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { chatroomMembers, chatrooms, contacts } from "@/lib/db/schema";
import { timestampParam } from "@/lib/db/sql";
import { notFound } from "@/lib/errors";
import { decodeCursor, encodeCursor } from "@/lib/pagination";
import { chatroomActiveAt } from "./conditions";
import { loadChatroom, loadChatrooms, toChatroomDetail } from "./records";

export interface ListChatroomsParams {
  orgId: string;
  now: Date;
  status?: "active" | "deactivated" | "expired";
  q?: string;
  phone?: string;
  contactId?: string;
  remotePhoneId?: string;
  assignee?: string;
  sort: "created" | "activity";
  cursor?: string;
  limit: number;
}

/** Status as of `now` (R4, R6): expired wins over deactivated, which wins over active. */
function statusCondition(status: "active" | "deactivated" | "expired", now: Date): SQL {
  const at = timestampParam(now);
  const expired = sql`(${chatrooms.expiredAt} is not null or ${chatrooms.expiryTs} <= ${at})`;
  if (status === "expired") return expired;
  if (status === "active") return chatroomActiveAt(now);
  return sql`(not ${expired} and (${chatrooms.deactivatedAt} is not null or ${chatrooms.inactivityDeadline} <= ${at}))`;
}

function escapeLike(value: string): string {
  return `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The org's chatrooms as detail objects, newest first (or by activity), keyset-paginated. */
export async function listChatrooms(db: Db, params: ListChatroomsParams) {
  const conditions: SQL[] = [];
  if (params.status) conditions.push(statusCondition(params.status, params.now));
  if (params.phone) conditions.push(eq(chatrooms.phoneNumber, params.phone));
  if (params.contactId) conditions.push(eq(chatrooms.contactId, params.contactId));
  if (params.remotePhoneId) conditions.push(eq(chatrooms.remotePhoneId, params.remotePhoneId));
  if (params.assignee) {
    conditions.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(chatroomMembers)
          .where(
            and(
              eq(chatroomMembers.chatroomId, chatrooms.id),
              eq(chatroomMembers.userId, params.assignee),
              isNull(chatroomMembers.revokedAt),
            ),
          ),
      ),
    );
  }
  if (params.q) {
    const pattern = escapeLike(params.q);
    conditions.push(
      or(
        ilike(contacts.crmId, pattern),
        ilike(contacts.firstName, pattern),
        ilike(contacts.lastName, pattern),
        ilike(chatrooms.phoneNumber, pattern),
        ilike(chatrooms.displayName, pattern),
      ) as SQL,
    );
  }
  const sortColumn = params.sort === "activity" ? chatrooms.lastActivityAt : chatrooms.createdAt;
  const after = decodeCursor<{ t: string; id: string }>(params.cursor);
  if (after) {
    conditions.push(sql`(${sortColumn}, ${chatrooms.id}) < (${timestampParam(new Date(after.t))}, ${after.id})`);
  }
  const rooms = await loadChatrooms(db, {
    orgId: params.orgId,
    where: conditions.length > 0 ? and(...conditions) : undefined,
    // "nulls last" as the indexes were built (the columns are not null): else PostgreSQL cannot walk the
    // (org_id, created_at desc nulls last, id desc nulls last) index and sorts the whole org instead.
    orderBy: [sql`${sortColumn} desc nulls last`, sql`${chatrooms.id} desc nulls last`],
    limit: params.limit + 1,
  });
  const page = rooms.slice(0, params.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((room) => toChatroomDetail(room, params.now)),
    next_cursor:
      rooms.length > params.limit && last
        ? encodeCursor({ t: (params.sort === "activity" ? last.lastActivityAt : last.createdAt).toISOString(), id: last.id })
        : null,
  };
}

export async function getChatroomDetail(db: Db, params: { orgId: string; chatroomId: string; now: Date }) {
  const room = await loadChatroom(db, params);
  if (!room) throw notFound("chatroom", params.chatroomId);
  return toChatroomDetail(room, params.now);
}

import { and, desc, eq, exists, isNull, sql, type SQL } from "drizzle-orm";
import { contactMatches } from "@/lib/contacts/service";
import type { Db } from "@/lib/db/client";
import { chatroomMembers, chatrooms } from "@/lib/db/schema";
import { timestampParam } from "@/lib/db/sql";
import { notFound } from "@/lib/errors";
import { decodeCursor, timeCursorSchema, toPage } from "@/lib/pagination";
import { chatroomActiveAt } from "./conditions";
import { loadChatroom, loadChatrooms, toChatroomDetail, type ChatroomQuery } from "./records";

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

/** The query of one page of the list: org, filters, keyset position and order. */
export function listChatroomsQuery(db: Db, params: ListChatroomsParams): ChatroomQuery {
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
  if (params.q) conditions.push(contactMatches(params.q, [chatrooms.phoneNumber, chatrooms.displayName]));
  const sortColumn = params.sort === "activity" ? chatrooms.lastActivityAt : chatrooms.createdAt;
  const after = decodeCursor(params.cursor, timeCursorSchema);
  if (after) {
    conditions.push(sql`(${sortColumn}, ${chatrooms.id}) < (${timestampParam(new Date(after.t))}, ${after.id})`);
  }
  return {
    orgId: params.orgId,
    where: conditions.length > 0 ? and(...conditions) : undefined,
    orderBy: [desc(sortColumn), desc(chatrooms.id)],
    limit: params.limit + 1,
  };
}

/** The org's chatrooms as detail objects, newest first (or by activity), keyset-paginated. */
export async function listChatrooms(db: Db, params: ListChatroomsParams) {
  const rooms = await loadChatrooms(db, listChatroomsQuery(db, params));
  return toPage(
    rooms,
    params.limit,
    (room) => toChatroomDetail(room, params.now),
    (last) => ({ t: (params.sort === "activity" ? last.lastActivityAt : last.createdAt).toISOString(), id: last.id }),
  );
}

export async function getChatroomDetail(db: Db, params: { orgId: string; chatroomId: string; now: Date }) {
  const room = await loadChatroom(db, params);
  if (!room) throw notFound("chatroom", params.chatroomId);
  return toChatroomDetail(room, params.now);
}

import { randomBytes } from "node:crypto";
import { and, asc, desc, eq, gte, isNull, sql, type SQL } from "drizzle-orm";
import type { Actor, RequestContext } from "@/lib/principals/actor";
import type { Services } from "@/lib/services";
import { chatroomTimesColumns } from "@/lib/chatrooms/records";
import { chatroomState } from "@/lib/chatrooms/state";
import type { Db } from "@/lib/db/client";
import { chatroomMembers, chatrooms, messages } from "@/lib/db/schema";
import { timestampParam } from "@/lib/db/sql";
import { ApiError, notFound } from "@/lib/errors";
import { decodeCursor, encodeCursor, timeCursorSchema } from "@/lib/pagination";
import type { MessageObject } from "./schemas";

/** What a message response shows; `raw` (Meta's whole entry) stays in the database. */
const messageColumns = {
  id: messages.id,
  chatroomId: messages.chatroomId,
  direction: messages.direction,
  remotePhoneId: messages.remotePhoneId,
  phoneNumber: messages.phoneNumber,
  type: messages.type,
  text: messages.text,
  whatsappMessageId: messages.whatsappMessageId,
  senderType: messages.senderType,
  senderId: messages.senderId,
  receivedAt: messages.receivedAt,
};

type MessageRow = Pick<typeof messages.$inferSelect, keyof typeof messageColumns>;

export function newMessageId(): string {
  return `msg_${randomBytes(12).toString("hex")}`;
}

function toMessage(row: MessageRow): MessageObject {
  return {
    message_id: row.id,
    chatroom_id: row.chatroomId,
    direction: row.direction,
    remote_phone_id: row.remotePhoneId,
    phone_number: row.phoneNumber,
    type: row.type,
    text: row.text,
    whatsapp_message_id: row.whatsappMessageId,
    sender: { type: row.senderType, id: row.senderId },
    received_at: row.receivedAt.toISOString(),
  };
}

/** The user's current grant on the chatroom, if any. */
async function currentGrant(db: Db, params: { orgId: string; chatroomId: string; userId: string }) {
  const [grant] = await db
    .select({ grantedAt: chatroomMembers.grantedAt })
    .from(chatroomMembers)
    .where(
      and(
        eq(chatroomMembers.orgId, params.orgId),
        eq(chatroomMembers.chatroomId, params.chatroomId),
        eq(chatroomMembers.userId, params.userId),
        isNull(chatroomMembers.revokedAt),
      ),
    );
  return grant;
}

/**
 * R23: stores an outbound message from a current member, an ADMIN, a partner, the console or the system.
 * Handing it to Meta is not done yet; the stored row is what a sender would pick up.
 */
export async function sendMessage(
  services: Services,
  context: RequestContext,
  input: { chatroomId: string; text: string },
): Promise<MessageObject> {
  const { orgId, actor } = context;
  return services.db.transaction(async (tx) => {
    // A share lock: senders do not wait for each other, but a deactivation waits for them and they for it.
    const [room] = await tx
      .select({
        id: chatrooms.id,
        remotePhoneId: chatrooms.remotePhoneId,
        phoneNumber: chatrooms.phoneNumber,
        ...chatroomTimesColumns,
      })
      .from(chatrooms)
      .where(and(eq(chatrooms.orgId, orgId), eq(chatrooms.id, input.chatroomId)))
      .for("share");
    if (!room) throw notFound("chatroom", input.chatroomId);
    if (actor.role !== "ADMIN" && !(actor.type === "user" && (await currentGrant(tx, { orgId, chatroomId: room.id, userId: actor.id! })))) {
      throw new ApiError("FORBIDDEN", { chatroom_id: room.id }, "Only a member of this chatroom or an ADMIN may send messages in it.");
    }
    const now = services.clock.now();
    const { status } = chatroomState(room, now);
    if (status !== "active") throw new ApiError("CHATROOM_NOT_ACTIVE", { chatroom_id: room.id, status });

    const [stored] = await tx
      .insert(messages)
      .values({
        id: newMessageId(),
        orgId,
        chatroomId: room.id,
        remotePhoneId: room.remotePhoneId,
        phoneNumber: room.phoneNumber,
        direction: "outbound",
        type: "text",
        text: input.text,
        senderType: actor.type,
        senderId: actor.id,
        receivedAt: now,
      })
      .returning(messageColumns);
    return toMessage(stored!);
  });
}

/**
 * R22: a chatroom's messages, oldest first, as the reader may see them. ADMINs (users, partners, the
 * console) see all; a MEMBER sees those of a chatroom it is a current member of: all under `shared`, those
 * received at or after its grant under `joined`; anyone else sees none.
 */
export async function listChatroomMessages(
  db: Db,
  params: { orgId: string; chatroomId: string; actor: Actor; cursor?: string; limit: number },
) {
  const after = decodeCursor(params.cursor, timeCursorSchema);
  const [room] = await db
    .select({ id: chatrooms.id, historyVisibility: chatrooms.historyVisibility })
    .from(chatrooms)
    .where(and(eq(chatrooms.orgId, params.orgId), eq(chatrooms.id, params.chatroomId)));
  if (!room) throw notFound("chatroom", params.chatroomId);

  const conditions: SQL[] = [eq(messages.orgId, params.orgId), eq(messages.chatroomId, room.id)];
  if (params.actor.role !== "ADMIN") {
    const grant =
      params.actor.type === "user" ? await currentGrant(db, { orgId: params.orgId, chatroomId: room.id, userId: params.actor.id! }) : undefined;
    if (!grant) return { items: [], next_cursor: null };
    if (room.historyVisibility === "joined") conditions.push(gte(messages.receivedAt, grant.grantedAt));
  }
  if (after) conditions.push(sql`(${messages.receivedAt}, ${messages.id}) > (${timestampParam(new Date(after.t))}, ${after.id})`);
  const rows = await db
    .select(messageColumns)
    .from(messages)
    .where(and(...conditions))
    .orderBy(asc(messages.receivedAt), asc(messages.id))
    .limit(params.limit + 1);
  return page(rows, params.limit);
}

/** R23: inbound messages of the org that found no active chatroom, newest first. */
export async function listUnroutedMessages(db: Db, params: { orgId: string; cursor?: string; limit: number }) {
  const conditions: SQL[] = [eq(messages.orgId, params.orgId), isNull(messages.chatroomId)];
  const after = decodeCursor(params.cursor, timeCursorSchema);
  if (after) conditions.push(sql`(${messages.receivedAt}, ${messages.id}) < (${timestampParam(new Date(after.t))}, ${after.id})`);
  const rows = await db
    .select(messageColumns)
    .from(messages)
    .where(and(...conditions))
    .orderBy(desc(messages.receivedAt), desc(messages.id))
    .limit(params.limit + 1);
  return page(rows, params.limit);
}

function page(rows: MessageRow[], limit: number) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(toMessage),
    next_cursor: rows.length > limit && last ? encodeCursor({ t: last.receivedAt.toISOString(), id: last.id }) : null,
  };
}

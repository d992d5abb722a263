import { and, eq, inArray, sql } from "drizzle-orm";
import { recordAudit, type AuditEntry } from "@/lib/audit/record";
import { systemActor, type RequestContext } from "@/lib/principals/actor";
import { completeHandover } from "@/lib/chatrooms/assignment";
import { chatroomOpen } from "@/lib/chatrooms/conditions";
import { writeOutLapses } from "@/lib/chatrooms/lapses";
import { chatroomTimesColumns, loadChatroom } from "@/lib/chatrooms/records";
import type { Services } from "@/lib/services";
import { chatroomState } from "@/lib/chatrooms/state";
import type { Db } from "@/lib/db/client";
import { chatrooms, messages, orgs, pendingAssignments, wabaPhones } from "@/lib/db/schema";
import { timestampParam } from "@/lib/db/sql";
import { getOrgConfig } from "@/lib/orgs/service";
import { newMessageId } from "./service";

/** One message of a webhook delivery, as the WhatsApp Cloud API describes it. */
export interface InboundMessage {
  /** `metadata.phone_number_id`: our `remote_phone_id`. */
  remotePhoneId: string;
  /** The lead's number in E.164 (`+` and Meta's `from`). */
  phoneNumber: string;
  /** Meta's message id (wamid). */
  whatsappMessageId: string;
  type: string;
  text: string | null;
  raw: unknown;
}

export interface InboundResult {
  /** Messages newly stored, routed or unrouted (a wamid seen before is not stored again). */
  stored: number;
  duplicates: number;
  /** Messages to a business phone no org owns: there is nowhere to store them. */
  unknownPhone: InboundMessage[];
}

/**
 * R23, R2, R21 for a whole delivery, in one transaction per org and a handful of statements whatever the
 * number of messages: each message is stored in the active chatroom of its (WABA phone, number), or
 * unrouted when there is none; the rooms' activity moves; a pending assignment is completed by the first
 * message of its room (or its failure audited). The (org, number) locks, taken in one sorted order, are
 * those creates and activations take (lib/chatrooms/locks.ts), so a delivery sees them and they it in a serial order, and a message
 * id delivered twice at once is stored once.
 */
export async function receiveInboundMessages(
  services: Services,
  params: { requestId: string; messages: InboundMessage[] },
): Promise<InboundResult> {
  const result: InboundResult = { stored: 0, duplicates: 0, unknownPhone: [] };
  // A wamid twice in one delivery is one message.
  const unique = [...new Map(params.messages.map((message) => [message.whatsappMessageId, message])).values()];
  result.duplicates += params.messages.length - unique.length;
  if (unique.length === 0) return result;

  const phoneIds = [...new Set(unique.map((message) => message.remotePhoneId))];
  const phones = await services.db
    .select({ remotePhoneId: wabaPhones.remotePhoneId, orgId: wabaPhones.orgId })
    .from(wabaPhones)
    .where(inArray(wabaPhones.remotePhoneId, phoneIds));
  const orgOfPhone = new Map(phones.map((phone) => [phone.remotePhoneId, phone.orgId]));
  const byOrg = new Map<string, InboundMessage[]>();
  for (const message of unique) {
    const orgId = orgOfPhone.get(message.remotePhoneId);
    if (orgId === undefined) result.unknownPhone.push(message);
    else byOrg.set(orgId, [...(byOrg.get(orgId) ?? []), message]);
  }
  for (const [orgId, orgMessages] of byOrg) {
    const stored = await services.db.transaction((tx) => storeForOrg(tx, services, { orgId, requestId: params.requestId, messages: orgMessages }));
    result.stored += stored;
    result.duplicates += orgMessages.length - stored;
  }
  return result;
}

async function storeForOrg(
  tx: Db,
  services: Services,
  params: { orgId: string; requestId: string; messages: InboundMessage[] },
): Promise<number> {
  const { orgId, requestId } = params;
  const context: RequestContext = { orgId, actor: systemActor, requestId, note: null };
  const numbers = [...new Set(params.messages.map((message) => message.phoneNumber))].sort();
  await tx.execute(sql`
    select pg_advisory_xact_lock(hashtextextended(key, 0))
    from (select ${orgId}::text || ' ' || number as key from unnest(${sql.param(numbers)}::text[]) as number order by 1) as keys`);
  const now = services.clock.now();

  const open = await tx
    .select({
      id: chatrooms.id,
      contactId: chatrooms.contactId,
      remotePhoneId: chatrooms.remotePhoneId,
      phoneNumber: chatrooms.phoneNumber,
      ...chatroomTimesColumns,
      hasPending: sql<boolean>`exists (select 1 from ${pendingAssignments} where ${pendingAssignments.chatroomId} = ${chatrooms.id})`,
    })
    .from(chatrooms)
    .where(and(eq(chatrooms.orgId, orgId), inArray(chatrooms.phoneNumber, numbers), chatroomOpen))
    .for("update");
  // R4: a write that touches a lapsed chatroom writes the lapse out; its messages are unrouted (R23).
  const lapsed = open.filter((room) => chatroomState(room, now).status !== "active");
  if (lapsed.length > 0) {
    await writeOutLapses(tx, { orgId, scope: inArray(chatrooms.id, lapsed.map((room) => room.id)), now, requestId });
  }
  const active = new Map(
    open.filter((room) => !lapsed.includes(room)).map((room) => [`${room.remotePhoneId} ${room.phoneNumber}`, room]),
  );
  const roomOf = (message: InboundMessage) => active.get(`${message.remotePhoneId} ${message.phoneNumber}`);

  const inserted = await tx
    .insert(messages)
    .values(
      params.messages.map((message) => {
        const room = roomOf(message);
        return {
          id: newMessageId(),
          orgId,
          chatroomId: room?.id ?? null,
          remotePhoneId: message.remotePhoneId,
          phoneNumber: message.phoneNumber,
          direction: "inbound" as const,
          whatsappMessageId: message.whatsappMessageId,
          type: message.type,
          text: message.text,
          raw: message.raw,
          senderType: "lead" as const,
          senderId: room?.contactId ?? null,
          receivedAt: now,
        };
      }),
    )
    .onConflictDoNothing({ target: messages.whatsappMessageId })
    .returning({ id: messages.id, chatroomId: messages.chatroomId });

  // The first stored message of each room: it moves the activity and completes a pending handover.
  const firstOfRoom = new Map<string, string>();
  for (const row of inserted) if (row.chatroomId && !firstOfRoom.has(row.chatroomId)) firstOfRoom.set(row.chatroomId, row.id);
  const roomIds = [...firstOfRoom.keys()];
  if (roomIds.length > 0) {
    // R2: the lead's message moves the activity, and with it the inactivity deadline.
    await tx
      .update(chatrooms)
      .set({
        lastActivityAt: now,
        inactivityDeadline: sql`${timestampParam(now)} + make_interval(days => (select ${orgs.inactivityDays} from ${orgs} where ${orgs.id} = ${orgId}))`,
      })
      .where(and(eq(chatrooms.orgId, orgId), inArray(chatrooms.id, roomIds)));
  }
  const pendingRooms = [...active.values()].filter((room) => room.hasPending && firstOfRoom.has(room.id));
  if (pendingRooms.length > 0) {
    const config = await getOrgConfig(tx, { orgId });
    const entries: AuditEntry[] = [];
    for (const room of pendingRooms) {
      const messageId = firstOfRoom.get(room.id)!;
      const record = (await loadChatroom(tx, { orgId, chatroomId: room.id }))!;
      const outcome = await completeHandover(tx, { room: record, strategy: config.group_strategy, now });
      entries.push(
        outcome.completed
          ? { chatroomId: room.id, action: "chatroom.handover_completed", changes: outcome.changes, details: { ...outcome.details, message_id: messageId }, at: now }
          : {
              chatroomId: room.id,
              action: "chatroom.handover_failed",
              changes: {},
              details: {
                message_id: messageId,
                pending_assignment: { assign_mode: record.pending!.assignMode, user_id: record.pending!.userId, group_id: record.pending!.groupId },
                reason: outcome.reason,
              },
              at: now,
            },
      );
    }
    await recordAudit(tx, context, entries);
  }
  return inserted.length;
}

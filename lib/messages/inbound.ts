import { and, eq, sql } from "drizzle-orm";
import { recordAudit, type AuditEntry } from "@/lib/audit/record";
import { systemActor, type RequestContext } from "@/lib/principals/actor";
import { completeHandover } from "@/lib/chatrooms/assignment";
import { chatroomOpen } from "@/lib/chatrooms/conditions";
import { writeOutLapses } from "@/lib/chatrooms/lapses";
import { lockPhoneNumber } from "@/lib/chatrooms/locks";
import { chatroomTimesColumns, loadChatroom } from "@/lib/chatrooms/records";
import type { Services } from "@/lib/services";
import { chatroomState } from "@/lib/chatrooms/state";
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

export type InboundOutcome =
  | { kind: "stored"; messageId: string; chatroomId: string | null }
  | { kind: "duplicate" }
  | { kind: "unknown_phone" };

/**
 * R23, R2, R21: stores an inbound message, routed to the active chatroom of its (WABA phone, number) or
 * unrouted when there is none, in one transaction with what it causes: the chatroom's activity moves, and a
 * pending assignment is completed (or its failure audited). The (org, number) lock serializes it with
 * creates, activations and other deliveries for the number, so a message id delivered twice at once is
 * stored once and a handover completes once.
 */
export async function receiveInboundMessage(
  services: Services,
  params: { requestId: string; message: InboundMessage },
): Promise<InboundOutcome> {
  const { db } = services;
  const { message } = params;
  const [phone] = await db
    .select({ orgId: wabaPhones.orgId })
    .from(wabaPhones)
    .where(eq(wabaPhones.remotePhoneId, message.remotePhoneId));
  if (!phone) return { kind: "unknown_phone" };
  const { orgId } = phone;
  const context: RequestContext = { orgId, actor: systemActor, requestId: params.requestId, note: null };

  return db.transaction(async (tx) => {
    await lockPhoneNumber(tx, orgId, message.phoneNumber);
    const now = services.clock.now();
    const [open] = await tx
      .select({
        id: chatrooms.id,
        contactId: chatrooms.contactId,
        ...chatroomTimesColumns,
        hasPending: sql<boolean>`exists (select 1 from ${pendingAssignments} where ${pendingAssignments.chatroomId} = ${chatrooms.id})`,
      })
      .from(chatrooms)
      .where(
        and(
          eq(chatrooms.orgId, orgId),
          eq(chatrooms.remotePhoneId, message.remotePhoneId),
          eq(chatrooms.phoneNumber, message.phoneNumber),
          chatroomOpen,
        ),
      )
      .for("update");
    let room = open;
    if (open && chatroomState(open, now).status !== "active") {
      // R4: a write that touches a lapsed chatroom writes the lapse out; the message is unrouted (R23).
      await writeOutLapses(tx, { orgId, scope: eq(chatrooms.id, open.id), now, requestId: params.requestId });
      room = undefined;
    }

    const [stored] = await tx
      .insert(messages)
      .values({
        id: newMessageId(),
        orgId,
        chatroomId: room?.id ?? null,
        remotePhoneId: message.remotePhoneId,
        phoneNumber: message.phoneNumber,
        direction: "inbound",
        whatsappMessageId: message.whatsappMessageId,
        type: message.type,
        text: message.text,
        raw: message.raw,
        senderType: "lead",
        senderId: room?.contactId ?? null,
        receivedAt: now,
      })
      .onConflictDoNothing({ target: messages.whatsappMessageId })
      .returning({ id: messages.id });
    if (!stored) return { kind: "duplicate" };
    if (!room) return { kind: "stored", messageId: stored.id, chatroomId: null };

    // R2: the lead's message moves the activity, and with it the inactivity deadline.
    await tx
      .update(chatrooms)
      .set({
        lastActivityAt: now,
        inactivityDeadline: sql`${timestampParam(now)} + make_interval(days => (select ${orgs.inactivityDays} from ${orgs} where ${orgs.id} = ${orgId}))`,
      })
      .where(and(eq(chatrooms.orgId, orgId), eq(chatrooms.id, room.id)));

    if (room.hasPending) {
      const record = (await loadChatroom(tx, { orgId, chatroomId: room.id }))!;
      const config = await getOrgConfig(tx, { orgId });
      const outcome = await completeHandover(tx, { room: record, strategy: config.group_strategy, now });
      const entry: AuditEntry = outcome.completed
        ? { chatroomId: room.id, action: "chatroom.handover_completed", changes: outcome.changes, details: { ...outcome.details, message_id: stored.id }, at: now }
        : {
            chatroomId: room.id,
            action: "chatroom.handover_failed",
            changes: {},
            details: {
              message_id: stored.id,
              pending_assignment: { assign_mode: record.pending!.assignMode, user_id: record.pending!.userId, group_id: record.pending!.groupId },
              reason: outcome.reason,
            },
            at: now,
          };
      await recordAudit(tx, context, [entry]);
    }
    return { kind: "stored", messageId: stored.id, chatroomId: room.id };
  });
}

import { and, asc, eq, inArray, isNull, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { chatroomMembers, chatrooms, contacts, pendingAssignments, wabaPhones } from "@/lib/db/schema";
import { chatroomState, type ChatroomState, type ChatroomTimes } from "./state";

export interface ChatroomRecord extends ChatroomTimes {
  id: string;
  orgId: string;
  contactId: string;
  crmId: string;
  remotePhoneId: string;
  remoteWabaId: string;
  phoneNumber: string;
  displayName: string;
  displayNameDerived: boolean;
  externalRefId: string;
  historyVisibility: "shared" | "joined";
  handoverAt: Date | null;
  members: { userId: string; grantedAt: Date }[];
  pending: { assignMode: "USER" | "GROUP"; userId: string | null; groupId: string | null } | null;
}

/** The columns `chatroomState` reads: what any select needs to tell a room's state. */
export const chatroomTimesColumns = {
  createdAt: chatrooms.createdAt,
  lastActivityAt: chatrooms.lastActivityAt,
  expiryTs: chatrooms.expiryTs,
  inactivityDeadline: chatrooms.inactivityDeadline,
  deactivatedAt: chatrooms.deactivatedAt,
  deactivationReason: chatrooms.deactivationReason,
  expiredAt: chatrooms.expiredAt,
};

export interface ChatroomQuery {
  orgId: string;
  where?: SQL;
  orderBy?: SQL[];
  limit?: number;
}

/** The query behind loadChatrooms, exposed so that its plan can be checked (the EXPLAIN test). */
export function chatroomsQuery(db: Db, params: ChatroomQuery) {
  const query = db
    .select({
      id: chatrooms.id,
      orgId: chatrooms.orgId,
      contactId: chatrooms.contactId,
      crmId: contacts.crmId,
      remotePhoneId: chatrooms.remotePhoneId,
      remoteWabaId: wabaPhones.remoteWabaId,
      phoneNumber: chatrooms.phoneNumber,
      displayName: chatrooms.displayName,
      displayNameDerived: chatrooms.displayNameDerived,
      externalRefId: chatrooms.externalRefId,
      historyVisibility: chatrooms.historyVisibility,
      ...chatroomTimesColumns,
      handoverAt: chatrooms.handoverAt,
      pendingMode: pendingAssignments.assignMode,
      pendingUserId: pendingAssignments.userId,
      pendingGroupId: pendingAssignments.groupId,
    })
    .from(chatrooms)
    .innerJoin(contacts, eq(contacts.id, chatrooms.contactId))
    .innerJoin(wabaPhones, eq(wabaPhones.remotePhoneId, chatrooms.remotePhoneId))
    .leftJoin(pendingAssignments, eq(pendingAssignments.chatroomId, chatrooms.id))
    .where(params.where ? and(eq(chatrooms.orgId, params.orgId), params.where) : eq(chatrooms.orgId, params.orgId))
    .orderBy(...(params.orderBy ?? [asc(chatrooms.createdAt), asc(chatrooms.id)]))
    .$dynamic();
  return params.limit === undefined ? query : query.limit(params.limit);
}

/** Loads chatrooms of one org with what their responses need (members and pending assignment included). */
export async function loadChatrooms(db: Db, params: ChatroomQuery): Promise<ChatroomRecord[]> {
  const rows = await chatroomsQuery(db, params);
  // Stryker disable next-line ConditionalExpression: saves a round trip; the members of no room are none
  if (rows.length === 0) return [];

  const memberRows = await db
    .select({ chatroomId: chatroomMembers.chatroomId, userId: chatroomMembers.userId, grantedAt: chatroomMembers.grantedAt })
    .from(chatroomMembers)
    .where(
      and(
        eq(chatroomMembers.orgId, params.orgId),
        inArray(chatroomMembers.chatroomId, rows.map((row) => row.id)),
        isNull(chatroomMembers.revokedAt),
      ),
    )
    .orderBy(asc(chatroomMembers.grantedAt), asc(chatroomMembers.userId));
  const membersOf = new Map<string, { userId: string; grantedAt: Date }[]>();
  for (const member of memberRows) {
    const list = membersOf.get(member.chatroomId) ?? [];
    list.push({ userId: member.userId, grantedAt: member.grantedAt });
    membersOf.set(member.chatroomId, list);
  }

  return rows.map(({ pendingMode, pendingUserId, pendingGroupId, ...row }) => ({
    ...row,
    members: membersOf.get(row.id) ?? [],
    pending: pendingMode ? { assignMode: pendingMode, userId: pendingUserId, groupId: pendingGroupId } : null,
  }));
}

export async function loadChatroom(db: Db, params: { orgId: string; chatroomId: string }): Promise<ChatroomRecord | undefined> {
  const [record] = await loadChatrooms(db, { orgId: params.orgId, where: eq(chatrooms.id, params.chatroomId) });
  return record;
}

const iso = (at: Date) => at.toISOString();

/** The chatroom object of the seven upstream endpoints. */
export function toChatroomObject(room: ChatroomTimes & { id: string; externalRefId: string }, now: Date, isExisting: boolean) {
  const state = chatroomState(room, now);
  return {
    chatroom_id: room.id,
    external_ref_id: room.externalRefId,
    is_existing: isExisting,
    is_deactivated: state.isDeactivated,
    is_expired: state.isExpired,
    expiry_ts: iso(room.expiryTs),
    deactivation_ts: iso(state.deactivationTs),
  };
}

/**
 * R15, R4: a deactivation or an expiry cancels a pending assignment. A room whose deadline passed before the
 * sweeper closed it still has the row; it is not shown, so that every view agrees with the room's status.
 */
function toPendingAssignment(room: ChatroomRecord, status: ChatroomState["status"]) {
  return room.pending && status === "active"
    ? { assign_mode: room.pending.assignMode, user_id: room.pending.userId, group_id: room.pending.groupId }
    : null;
}

/** The chatroom detail object of the list and detail extensions. */
export function toChatroomDetail(room: ChatroomRecord, now: Date) {
  const state = chatroomState(room, now);
  return {
    ...toChatroomObject(room, now, true),
    contact_id: room.contactId,
    crm_id: room.crmId,
    phone_number: room.phoneNumber,
    display_name: room.displayName,
    remote_waba_id: room.remoteWabaId,
    remote_phone_id: room.remotePhoneId,
    status: state.status,
    deactivation_reason: state.isDeactivated ? state.deactivationReason : null,
    created_at: iso(room.createdAt),
    last_activity_at: iso(room.lastActivityAt),
    history_visibility: room.historyVisibility,
    handover_at: room.handoverAt ? iso(room.handoverAt) : null,
    members: room.members.map((member) => ({ user_id: member.userId, granted_at: iso(member.grantedAt) })),
    pending_assignment: toPendingAssignment(room, state.status),
  };
}

/** One entry of the `conflicts` payload of every chatroom 409. */
export function toConflict(room: ChatroomRecord, now: Date) {
  const { status } = chatroomState(room, now);
  return {
    chatroom_id: room.id,
    contact_id: room.contactId,
    crm_id: room.crmId,
    phone_number: room.phoneNumber,
    remote_waba_id: room.remoteWabaId,
    remote_phone_id: room.remotePhoneId,
    status,
    assignee_user_id: room.members[0]?.userId ?? null,
    pending_assignment: toPendingAssignment(room, status),
    last_activity_at: iso(room.lastActivityAt),
  };
}

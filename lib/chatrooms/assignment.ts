import { and, eq, isNull, sql } from "drizzle-orm";
import { ApiError, notFound } from "@/lib/errors";
import type { Db } from "@/lib/db/client";
import { chatroomMembers, chatrooms, groupMembers, groups, pendingAssignments, users } from "@/lib/db/schema";
import type { Changes } from "@/lib/audit/record";
import { chatroomActiveAt } from "./conditions";
import type { ChatroomRecord } from "./records";

export interface AssignmentRequest {
  mode: "USER" | "GROUP";
  userId?: string;
  groupId?: string;
  onHandover: boolean;
}

export type GroupStrategy = "ROUND_ROBIN" | "LEAST_ACTIVE";

/** Validation step: a referenced user or group must exist in the org (404), before any state rule. */
export async function checkAssignmentTargets(tx: Db, orgId: string, assignment: AssignmentRequest): Promise<void> {
  if (assignment.mode === "USER") {
    const userId = assignment.userId as string;
    // Stryker disable next-line ObjectLiteral: an existence check: any columns find the same row
    const [user] = await tx.select({ id: users.id }).from(users).where(and(eq(users.orgId, orgId), eq(users.id, userId)));
    if (!user) throw notFound("user", userId);
  } else {
    const groupId = assignment.groupId as string;
    // Stryker disable ObjectLiteral: an existence check: any columns find the same row
    const [group] = await tx
      .select({ id: groups.id })
      .from(groups)
      .where(and(eq(groups.orgId, orgId), eq(groups.id, groupId)));
    if (!group) throw notFound("group", groupId);
    // Stryker restore ObjectLiteral
  }
}

interface GroupPick {
  userId: string;
  /** R19: who was eligible, each one's standing, who won and why: stored in the audit event. */
  details: Record<string, unknown>;
}

export interface PickCandidate {
  userId: string;
  /** The group's pick counter when this member was last picked; null: never picked from this group. */
  lastPickSeq: number | null;
  activeChatrooms: number;
}

/**
 * R19's order of a group's eligible members, the winner first. ROUND_ROBIN: never picked first, then least
 * recently picked, then by user id. LEAST_ACTIVE: fewest active chatrooms first, then as ROUND_ROBIN.
 */
export function rankForPick<T extends PickCandidate>(eligible: readonly T[], strategy: GroupStrategy): T[] {
  const byRecency = (a: T, b: T) =>
    // Stryker disable next-line EqualityOperator,ConditionalExpression: ids are unique; V8's sort only asks if a comparison is < 0
    (a.lastPickSeq ?? -1) - (b.lastPickSeq ?? -1) || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);
  return [...eligible].sort((a, b) =>
    strategy === "LEAST_ACTIVE" ? Number(a.activeChatrooms) - Number(b.activeChatrooms) || byRecency(a, b) : byRecency(a, b),
  );
}

/**
 * R19: picks an active member of the group. The group's row is locked first, so concurrent picks from one
 * group are serialized and exactly as fair as sequential ones. Returns null when nobody is eligible.
 */
async function pickFromGroup(
  tx: Db,
  params: { orgId: string; groupId: string; strategy: GroupStrategy; now: Date },
): Promise<GroupPick | null> {
  // Stryker disable next-line StringLiteral: PGlite has one connection; concurrency.test.ts proves the lock on PostgreSQL
  await tx.execute(sql`select 1 from ${groups} where ${groups.orgId} = ${params.orgId} and ${groups.id} = ${params.groupId} for update`);
  const eligible = await tx
    .select({
      userId: groupMembers.userId,
      lastPickedAt: groupMembers.lastPickedAt,
      lastPickSeq: groupMembers.lastPickSeq,
      activeChatrooms: sql<number>`(
        select count(*)::int from ${chatroomMembers}
        join ${chatrooms} on ${chatrooms.id} = ${chatroomMembers.chatroomId}
        where ${chatroomMembers.userId} = ${groupMembers.userId} and ${chatroomMembers.revokedAt} is null
          and ${chatroomActiveAt(params.now)})`,
    })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(and(eq(groupMembers.orgId, params.orgId), eq(groupMembers.groupId, params.groupId), eq(users.active, true)));
  if (eligible.length === 0) return null;

  const ranked = rankForPick(eligible, params.strategy);
  const winner = ranked[0]!;
  await tx
    .update(groupMembers)
    .set({
      lastPickedAt: params.now,
      lastPickSeq: sql`(select coalesce(max(${groupMembers.lastPickSeq}), 0) + 1 from ${groupMembers} where ${groupMembers.groupId} = ${params.groupId})`,
    })
    .where(and(eq(groupMembers.groupId, params.groupId), eq(groupMembers.userId, winner.userId)));

  const reason =
    params.strategy === "LEAST_ACTIVE"
      ? "fewest active chatrooms, then least recently picked from this group, then user id"
      : "least recently picked from this group (never picked first), then user id";
  return {
    userId: winner.userId,
    details: {
      group_id: params.groupId,
      strategy: params.strategy,
      eligible: ranked.map((member) => ({
        user_id: member.userId,
        last_picked_at: member.lastPickedAt?.toISOString() ?? null,
        active_chatrooms: Number(member.activeChatrooms),
      })),
      winner: winner.userId,
      reason,
    },
  };
}

async function userIsActive(tx: Db, orgId: string, userId: string): Promise<boolean> {
  const [user] = await tx
    .select({ active: users.active })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, userId)));
  return user?.active === true;
}

async function groupHasActiveMember(tx: Db, orgId: string, groupId: string): Promise<boolean> {
  // Stryker disable ObjectLiteral: an existence check: any columns find the same row
  const [row] = await tx
    .select({ userId: groupMembers.userId })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(and(eq(groupMembers.orgId, orgId), eq(groupMembers.groupId, groupId), eq(users.active, true)))
    .limit(1);
  // Stryker restore ObjectLiteral
  return row !== undefined;
}

/** R18: whether anybody can be assigned now: the user is active, or the group has an active member. */
export async function isAssignable(tx: Db, orgId: string, assignment: AssignmentRequest): Promise<boolean> {
  return assignment.mode === "USER"
    ? userIsActive(tx, orgId, assignment.userId as string)
    : groupHasActiveMember(tx, orgId, assignment.groupId as string);
}

export interface AssignmentOutcome {
  changes: Changes;
  details?: Record<string, unknown>;
}

/**
 * R18-R21: applies an assignment to a chatroom. With `replace` (reassign, R20) the current members lose
 * access first; otherwise the room has no member and no pending assignment. Throws NO_ASSIGNABLE_USER.
 */
export async function applyAssignment(
  tx: Db,
  params: { room: ChatroomRecord; assignment: AssignmentRequest; strategy: GroupStrategy; now: Date; replace: boolean },
): Promise<AssignmentOutcome> {
  const { room, assignment, now } = params;
  const membersBefore = room.members.map((member) => member.userId);
  const pendingBefore = room.pending
    ? { assign_mode: room.pending.assignMode, user_id: room.pending.userId, group_id: room.pending.groupId }
    : null;

  if (assignment.onHandover) {
    // R21: nobody is granted now, but the target must be assignable at this moment (R18).
    if (!(await isAssignable(tx, room.orgId, assignment))) throw noAssignableUser(assignment);
    // Stryker disable next-line ConditionalExpression: without replace the room has no member: nothing to revoke
    if (params.replace) await revokeAll(tx, room, now);
    const pendingAfter = {
      assign_mode: assignment.mode,
      user_id: assignment.mode === "USER" ? (assignment.userId as string) : null,
      group_id: assignment.mode === "GROUP" ? (assignment.groupId as string) : null,
    };
    await tx.delete(pendingAssignments).where(eq(pendingAssignments.chatroomId, room.id));
    await tx.insert(pendingAssignments).values({
      chatroomId: room.id,
      orgId: room.orgId,
      assignMode: pendingAfter.assign_mode,
      userId: pendingAfter.user_id,
      groupId: pendingAfter.group_id,
      createdAt: now,
    });
    return {
      changes: {
        members: { before: membersBefore, after: params.replace ? [] : membersBefore },
        pending_assignment: { before: pendingBefore, after: pendingAfter },
      },
    };
  }

  let assignee: string;
  let details: Record<string, unknown> | undefined;
  if (assignment.mode === "USER") {
    assignee = assignment.userId as string;
    if (!(await userIsActive(tx, room.orgId, assignee))) throw noAssignableUser(assignment);
  } else {
    const pick = await pickFromGroup(tx, { orgId: room.orgId, groupId: assignment.groupId as string, strategy: params.strategy, now });
    if (!pick) throw noAssignableUser(assignment);
    assignee = pick.userId;
    details = { pick: pick.details };
  }

  // R20: reassigning to the only current member, without handover, changes nothing. (A room with a pending
  // assignment has no member, R21.)
  if (membersBefore.length === 1 && membersBefore[0] === assignee) {
    return { changes: {}, details };
  }
  // Stryker disable next-line ConditionalExpression: without replace the room has no member: nothing to revoke
  if (params.replace) await revokeAll(tx, room, now);
  await tx.delete(pendingAssignments).where(eq(pendingAssignments.chatroomId, room.id));
  await tx.insert(chatroomMembers).values({ orgId: room.orgId, chatroomId: room.id, userId: assignee, grantedAt: now });
  return {
    changes: {
      members: { before: membersBefore, after: [assignee] },
      ...(pendingBefore ? { pending_assignment: { before: pendingBefore, after: null } } : {}),
    },
    details,
  };
}

async function revokeAll(tx: Db, room: ChatroomRecord, now: Date): Promise<void> {
  await tx
    .update(chatroomMembers)
    .set({ revokedAt: now })
    .where(and(eq(chatroomMembers.orgId, room.orgId), eq(chatroomMembers.chatroomId, room.id), isNull(chatroomMembers.revokedAt)));
}

export function noAssignableUser(assignment: AssignmentRequest): ApiError {
  return assignment.mode === "USER"
    ? new ApiError("NO_ASSIGNABLE_USER", { user_id: assignment.userId }, `User '${assignment.userId}' is disabled and cannot be assigned.`)
    : new ApiError("NO_ASSIGNABLE_USER", { group_id: assignment.groupId }, `Group '${assignment.groupId}' has no active member to assign.`);
}

export type HandoverOutcome =
  | { completed: true; changes: Changes; details?: Record<string, unknown> }
  | { completed: false; reason: string };

/**
 * R21: completes the room's pending assignment as of `now`, the receipt time of the lead's message (a
 * group's pick happens now). When nobody can be assigned it writes nothing and the assignment stays pending.
 */
export async function completeHandover(
  tx: Db,
  params: { room: ChatroomRecord; strategy: GroupStrategy; now: Date },
): Promise<HandoverOutcome> {
  const { room, now } = params;
  const pending = room.pending;
  // Stryker disable next-line StringLiteral: a programming error's message
  if (!pending) throw new Error(`chatroom ${room.id} has no pending assignment`);
  const assignment: AssignmentRequest =
    pending.assignMode === "USER"
      ? { mode: "USER", userId: pending.userId as string, onHandover: false }
      : { mode: "GROUP", groupId: pending.groupId as string, onHandover: false };
  let outcome: AssignmentOutcome;
  try {
    // Stryker disable next-line BooleanLiteral: a pending room has no member to revoke (R21)
    outcome = await applyAssignment(tx, { room, assignment, strategy: params.strategy, now, replace: true });
  } catch (error) {
    // Stryker disable next-line ConditionalExpression: NO_ASSIGNABLE_USER is the only refusal of applyAssignment
    if (error instanceof ApiError && error.name === "NO_ASSIGNABLE_USER") return { completed: false, reason: error.description };
    throw error;
  }
  await tx
    .update(chatrooms)
    .set({ handoverAt: now })
    .where(and(eq(chatrooms.orgId, room.orgId), eq(chatrooms.id, room.id)));
  return {
    completed: true,
    changes: { ...outcome.changes, handover_at: { before: room.handoverAt?.toISOString() ?? null, after: now.toISOString() } },
    details: outcome.details,
  };
}

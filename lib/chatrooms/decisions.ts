import type { AssignmentRequest } from "./assignment";
import type { ChatroomRecord } from "./records";
import { chatroomState, type ChatroomTimes } from "./state";

/** Why a change leaves a chatroom as it is: the single-room endpoints' errors and no-ops, by name. */
export type SkipReason = "expired" | "deactivated" | "already_deactivated" | "no_assignable_user" | "unchanged";

/** What a single-room change does to one room, decided before it writes anything. */
export type RoomDecision = { kind: "apply" } | { kind: "skip"; reason: SkipReason };

const apply: RoomDecision = { kind: "apply" };
const skip = (reason: SkipReason): RoomDecision => ({ kind: "skip", reason });

/** R15: an expired chatroom is refused (checked first); a deactivated one is a success that changes nothing. */
export function decideDeactivation(room: ChatroomTimes, now: Date): RoomDecision {
  const state = chatroomState(room, now);
  if (state.isExpired) return skip("expired");
  if (state.isDeactivated) return skip("already_deactivated");
  return apply;
}

/**
 * R18, R20: a chatroom that is not active is refused, then a target nobody can be assigned from; reassigning
 * to the only current member without handover changes nothing. `assignable`: the user is active, or the
 * group has an active member.
 */
export function decideReassign(
  room: Pick<ChatroomRecord, keyof ChatroomTimes | "members" | "pending">,
  now: Date,
  target: { assignment: AssignmentRequest; assignable: boolean },
): RoomDecision {
  const status = chatroomState(room, now).status;
  if (status !== "active") return skip(status);
  if (!target.assignable) return skip("no_assignable_user");
  const { assignment } = target;
  const onlyMember = room.members.length === 1 ? room.members[0]!.userId : null;
  if (assignment.mode === "USER" && !assignment.onHandover && room.pending === null && onlyMember === assignment.userId) {
    return skip("unchanged");
  }
  return apply;
}

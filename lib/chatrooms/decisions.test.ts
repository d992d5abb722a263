import { describe, expect, it } from "vitest";
import type { AssignmentRequest } from "./assignment";
import { decideDeactivation, decideReassign } from "./decisions";
import { at, EXPIRY_MS, INACTIVITY_MS, roomTimes as room } from "@/lib/testing/room-times";
import { DAY_MS, type ChatroomTimes } from "./state";

/**
 * The single-room decisions that the endpoints and the bulk jobs share, at the instants where they turn:
 * each state of a room against each target, with the clock given, not read.
 */

type Members = { userId: string; grantedAt: Date }[];
const reassignable = (times: ChatroomTimes, members: Members = [], pending: { assignMode: "USER" | "GROUP"; userId: string | null; groupId: string | null } | null = null) => ({
  ...times,
  members,
  pending,
});
const toUser = (userId: string, onHandover = false): AssignmentRequest => ({ mode: "USER", userId, onHandover });
const toGroup = (groupId: string): AssignmentRequest => ({ mode: "GROUP", groupId, onHandover: false });
const member = (userId: string) => ({ userId, grantedAt: at(0) });

describe("decideDeactivation (R15)", () => {
  it("R15: applies to an active room, up to 1 ms before its inactivity deadline", () => {
    expect(decideDeactivation(room(), at(INACTIVITY_MS - 1))).toEqual({ kind: "apply" });
  });

  it("R15: a room deactivated by a person, or by inactivity from its deadline on, is a no-op", () => {
    const deactivated = room({ deactivatedAt: at(DAY_MS), deactivationReason: "SPAM" });
    expect(decideDeactivation(deactivated, at(2 * DAY_MS))).toEqual({ kind: "skip", reason: "already_deactivated" });
    expect(decideDeactivation(room(), at(INACTIVITY_MS))).toEqual({ kind: "skip", reason: "already_deactivated" });
  });

  it("R15: an expired room is refused, checked before deactivation, from the expiry instant on", () => {
    const deactivated = room({ deactivatedAt: at(DAY_MS), deactivationReason: "SPAM" });
    expect(decideDeactivation(deactivated, at(EXPIRY_MS))).toEqual({ kind: "skip", reason: "expired" });
    expect(decideDeactivation(deactivated, at(EXPIRY_MS - 1))).toEqual({ kind: "skip", reason: "already_deactivated" });
    expect(decideDeactivation(room({ expiredAt: at(DAY_MS) }), at(DAY_MS))).toEqual({ kind: "skip", reason: "expired" });
  });
});

describe("decideReassign (R18, R20)", () => {
  const assignable = true;

  it("R18: refuses a room that is not active, by its status, before looking at the target", () => {
    const deactivated = reassignable(room({ deactivatedAt: at(DAY_MS), deactivationReason: "SPAM" }));
    expect(decideReassign(deactivated, at(2 * DAY_MS), { assignment: toUser("u1"), assignable: false })).toEqual({ kind: "skip", reason: "deactivated" });
    expect(decideReassign(reassignable(room()), at(EXPIRY_MS), { assignment: toUser("u1"), assignable: false })).toEqual({
      kind: "skip",
      reason: "expired",
    });
  });

  it("R18: an active room with nobody assignable in the target is refused", () => {
    expect(decideReassign(reassignable(room()), at(DAY_MS), { assignment: toGroup("g1"), assignable: false })).toEqual({
      kind: "skip",
      reason: "no_assignable_user",
    });
  });

  it("R20: reassigning to the only current member, without handover or a pending assignment, changes nothing", () => {
    const target = { assignment: toUser("u1"), assignable };
    expect(decideReassign(reassignable(room(), [member("u1")]), at(DAY_MS), target)).toEqual({ kind: "skip", reason: "unchanged" });
  });

  it("R20: anything else that differs from the room's assignment applies", () => {
    const now = at(DAY_MS);
    const cases: [string, ReturnType<typeof reassignable>, AssignmentRequest][] = [
      ["another user", reassignable(room(), [member("u1")]), toUser("u2")],
      ["the member, on handover", reassignable(room(), [member("u1")]), toUser("u1", true)],
      ["the member, over a pending assignment", reassignable(room(), [member("u1")], { assignMode: "GROUP", userId: null, groupId: "g1" }), toUser("u1")],
      ["one of two members", reassignable(room(), [member("u1"), member("u2")]), toUser("u1")],
      ["a room without members", reassignable(room()), toUser("u1")],
      ["a group", reassignable(room(), [member("u1")]), toGroup("g1")],
    ];
    for (const [name, target, assignment] of cases) {
      expect(decideReassign(target, now, { assignment, assignable }), name).toEqual({ kind: "apply" });
    }
  });

  it("R20: a group whose id is the member's user id still applies: only a USER assignment is compared", () => {
    expect(decideReassign(reassignable(room(), [member("u1")]), at(DAY_MS), { assignment: { mode: "GROUP", userId: "u1", groupId: "u1", onHandover: false }, assignable })).toEqual({
      kind: "apply",
    });
  });
});

import { describe, expect, it } from "vitest";
import { at, EXPIRY_MS, INACTIVITY_MS, roomTimes as room } from "@/lib/testing/room-times";
import { chatroomState, DAY_MS } from "./state";

/** The state of a room at an instant, on both sides of each deadline, with the clock given (R1, R2, R4, R6). */
describe("chatroomState", () => {
  it("R6: active until 1 ms before the inactivity deadline, projecting that deadline as its deactivation", () => {
    expect(chatroomState(room(), at(INACTIVITY_MS - 1))).toEqual({
      status: "active",
      isExpired: false,
      isDeactivated: false,
      deactivationTs: at(INACTIVITY_MS),
      deactivationReason: null,
      unwrittenLapse: null,
    });
  });

  it("R2: deactivated by inactivity from the deadline's instant, a lapse to write dated at the deadline", () => {
    expect(chatroomState(room(), at(INACTIVITY_MS))).toEqual({
      status: "deactivated",
      isExpired: false,
      isDeactivated: true,
      deactivationTs: at(INACTIVITY_MS),
      deactivationReason: "INACTIVITY",
      unwrittenLapse: { kind: "inactivity", at: at(INACTIVITY_MS) },
    });
  });

  it("R2: inactivity at or after expiry never deactivates; the room just expires", () => {
    const late = room({ inactivityDeadline: at(EXPIRY_MS) });
    expect(chatroomState(late, at(EXPIRY_MS - 1))).toMatchObject({ status: "active", isDeactivated: false, unwrittenLapse: null });
    expect(chatroomState(late, at(EXPIRY_MS))).toEqual({
      status: "expired",
      isExpired: true,
      isDeactivated: false,
      deactivationTs: at(EXPIRY_MS),
      deactivationReason: null,
      unwrittenLapse: { kind: "expiry", at: at(EXPIRY_MS) },
    });
  });

  it("R1: expired from the expiry instant, whatever came before; a recorded expiry leaves nothing to write", () => {
    expect(chatroomState(room(), at(EXPIRY_MS))).toEqual({
      status: "expired",
      isExpired: true,
      isDeactivated: true,
      deactivationTs: at(INACTIVITY_MS),
      deactivationReason: "INACTIVITY",
      unwrittenLapse: { kind: "inactivity", at: at(INACTIVITY_MS) },
    });
    const recorded = room({ deactivatedAt: at(INACTIVITY_MS), deactivationReason: "INACTIVITY", expiredAt: at(EXPIRY_MS) });
    expect(chatroomState(recorded, at(EXPIRY_MS + DAY_MS))).toMatchObject({ status: "expired", isExpired: true, unwrittenLapse: null });
  });

  it("R1: a recorded expiry counts before the expiry instant (an expiry the database already wrote)", () => {
    const written = room({ expiredAt: at(DAY_MS) });
    expect(chatroomState(written, at(DAY_MS))).toEqual({
      status: "expired",
      isExpired: true,
      isDeactivated: false,
      deactivationTs: at(INACTIVITY_MS),
      deactivationReason: null,
      unwrittenLapse: null,
    });
    // Past its inactivity deadline, a room whose expiry is written is not deactivated by inactivity as well.
    expect(chatroomState(written, at(INACTIVITY_MS))).toMatchObject({ isDeactivated: false, unwrittenLapse: null });
  });

  it("R15: a deactivated room keeps its time and reason, and owes its expiry from the expiry instant", () => {
    const deactivated = room({ deactivatedAt: at(DAY_MS), deactivationReason: "SPAM" });
    expect(chatroomState(deactivated, at(EXPIRY_MS - 1))).toEqual({
      status: "deactivated",
      isExpired: false,
      isDeactivated: true,
      deactivationTs: at(DAY_MS),
      deactivationReason: "SPAM",
      unwrittenLapse: null,
    });
    expect(chatroomState(deactivated, at(EXPIRY_MS))).toEqual({
      status: "expired",
      isExpired: true,
      isDeactivated: true,
      deactivationTs: at(DAY_MS),
      deactivationReason: "SPAM",
      unwrittenLapse: { kind: "expiry", at: at(EXPIRY_MS) },
    });
    const written = { ...deactivated, expiredAt: at(EXPIRY_MS) };
    expect(chatroomState(written, at(EXPIRY_MS))).toMatchObject({ status: "expired", unwrittenLapse: null });
  });
});

/** The state of a chatroom at an instant (R1, R2, R4, R6): computed, never read from a stale flag. */

export const DAY_MS = 24 * 60 * 60 * 1000;

export interface ChatroomTimes {
  createdAt: Date;
  lastActivityAt: Date;
  expiryTs: Date;
  inactivityDeadline: Date;
  deactivatedAt: Date | null;
  deactivationReason: string | null;
  expiredAt: Date | null;
}

type ChatroomStatus = "active" | "deactivated" | "expired";

export interface ChatroomState {
  status: ChatroomStatus;
  isExpired: boolean;
  isDeactivated: boolean;
  /** The actual deactivation time, or the projected one while not deactivated. */
  deactivationTs: Date;
  deactivationReason: string | null;
  /** A lapse (R4) that the database has not recorded yet and a write must record. */
  unwrittenLapse: { kind: "expiry" | "inactivity"; at: Date } | null;
}

export function chatroomState(room: ChatroomTimes, now: Date): ChatroomState {
  const isExpired = room.expiredAt !== null || now.getTime() >= room.expiryTs.getTime();
  if (room.deactivatedAt !== null) {
    return {
      status: isExpired ? "expired" : "deactivated",
      isExpired,
      isDeactivated: true,
      deactivationTs: room.deactivatedAt,
      deactivationReason: room.deactivationReason,
      unwrittenLapse: isExpired && room.expiredAt === null ? { kind: "expiry", at: room.expiryTs } : null,
    };
  }
  // R2: inactivity deactivates only when it comes before expiry.
  const inactive =
    now.getTime() >= room.inactivityDeadline.getTime() &&
    room.inactivityDeadline.getTime() < room.expiryTs.getTime() &&
    room.expiredAt === null;
  if (inactive) {
    return {
      status: isExpired ? "expired" : "deactivated",
      isExpired,
      isDeactivated: true,
      deactivationTs: room.inactivityDeadline,
      deactivationReason: "INACTIVITY",
      unwrittenLapse: { kind: "inactivity", at: room.inactivityDeadline },
    };
  }
  return {
    status: isExpired ? "expired" : "active",
    isExpired,
    isDeactivated: false,
    deactivationTs: room.inactivityDeadline,
    deactivationReason: null,
    unwrittenLapse: isExpired && room.expiredAt === null ? { kind: "expiry", at: room.expiryTs } : null,
  };
}

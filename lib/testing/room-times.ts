import { DAY_MS, type ChatroomTimes } from "@/lib/chatrooms/state";

/** The pure tests' room: created at a fixed instant, expiring 30 days on, inactive after 7 days (the defaults). */
const created = Date.parse("2026-11-01T00:00:00.000Z");
export const EXPIRY_MS = 30 * DAY_MS;
export const INACTIVITY_MS = 7 * DAY_MS;

/** The instant `ms` after the room's creation. */
export const at = (ms: number) => new Date(created + ms);

export function roomTimes(overrides: Partial<ChatroomTimes> = {}): ChatroomTimes {
  return {
    createdAt: at(0),
    lastActivityAt: at(0),
    expiryTs: at(EXPIRY_MS),
    inactivityDeadline: at(INACTIVITY_MS),
    deactivatedAt: null,
    deactivationReason: null,
    expiredAt: null,
    ...overrides,
  };
}

import { describe, expect, it } from "vitest";
import type { ConflictEntry, ConflictLogEntry } from "@/lib/dashboard/api/schemas";
import { groupConflictsByPhone } from "@/lib/dashboard/ui/conflict-groups";

const room = (id: string, status: ConflictEntry["status"]): ConflictEntry => ({
  chatroom_id: id,
  contact_id: "c1",
  crm_id: "CRM",
  phone_number: "+10000000001",
  remote_waba_id: "w",
  remote_phone_id: "p",
  status,
  assignee_user_id: null,
  pending_assignment: null,
  last_activity_at: "2026-01-01T00:00:00.000Z",
});
const entry = (id: string, phone: string, at: string, rooms: ConflictEntry[], code = "CHATROOM_EXISTS_FOR_PHONE"): ConflictLogEntry => ({
  id,
  phone_number: phone,
  contact_id: "c2",
  error_code: code,
  principal: { type: "user", id: "u1" },
  at,
  conflicts: rooms,
});

describe("conflicts page (R25): numbers that conflicted recently, with their rooms' state now", () => {
  it("groups by phone number, newest number first, each room once, open while a room is still active", () => {
    const groups = groupConflictsByPhone([
      entry("3", "+1A", "2026-01-03T00:00:00.000Z", [room("r1", "active")]),
      entry("2", "+1B", "2026-01-02T00:00:00.000Z", [room("r2", "expired")]),
      entry("1", "+1A", "2026-01-01T00:00:00.000Z", [room("r1", "active"), room("r3", "deactivated")], "ACTIVE_CHATROOM_EXISTS"),
    ]);
    expect(groups.map((group) => group.phoneNumber)).toEqual(["+1A", "+1B"]);
    expect(groups[0]).toMatchObject({ count: 2, latestAt: "2026-01-03T00:00:00.000Z", open: true, errorCodes: ["CHATROOM_EXISTS_FOR_PHONE", "ACTIVE_CHATROOM_EXISTS"] });
    expect(groups[0]!.rooms.map((r) => r.chatroom_id)).toEqual(["r1", "r3"]);
    expect(groups[1]!.open).toBe(false);
  });
});

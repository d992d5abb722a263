import { describe, expect, it } from "vitest";
import type { ConflictLogEntry } from "@/lib/dashboard/api/schemas";
import { groupConflictsByPhone } from "@/lib/dashboard/ui/conflict-groups";

const entry = (id: string, phone: string, at: string, errorCode: string, contactId: string | null): ConflictLogEntry => ({
  id,
  phone_number: phone,
  contact_id: contactId,
  error_code: errorCode,
  principal: {},
  at,
  conflicts: [],
});

describe("the conflicts page's numbers", () => {
  it("R25: groups the log by phone number, newest number first, counting conflicts and the contacts they were for", () => {
    const groups = groupConflictsByPhone([
      entry("3", "+1A", "2026-01-03T00:00:00.000Z", "CHATROOM_EXISTS_FOR_PHONE", "c_2"),
      entry("2", "+1B", "2026-01-02T00:00:00.000Z", "ACTIVE_CHATROOM_EXISTS", null),
      entry("1", "+1A", "2026-01-01T00:00:00.000Z", "ACTIVE_CHATROOM_EXISTS", "c_2"),
    ]);
    expect(groups.map((group) => group.phoneNumber)).toEqual(["+1A", "+1B"]);
    expect(groups[0]).toEqual({
      phoneNumber: "+1A",
      latestAt: "2026-01-03T00:00:00.000Z",
      count: 2,
      errorNames: ["CHATROOM_EXISTS_FOR_PHONE", "ACTIVE_CHATROOM_EXISTS"],
      requestedFor: ["c_2"],
    });
    expect(groups[1]!.requestedFor).toEqual([]);
  });
});

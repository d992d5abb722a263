import { describe, expect, it } from "vitest";
import { exactTime, relativeTime } from "@/lib/dashboard/ui/format";

const now = new Date("2026-12-01T12:00:00.000Z");
const later = (ms: number) => new Date(now.getTime() + ms);

describe("relativeTime", () => {
  it("reads a deadline set 7 days ahead, seen a moment later, as in 7 days", () => {
    expect(relativeTime(later(7 * 86_400_000 - 25), now)).toBe("in 7 days");
  });

  it("counts whole units in the largest unit that fits, past and future", () => {
    expect(relativeTime(later(36 * 3_600_000), now)).toBe("in 1 day");
    expect(relativeTime(later(-2 * 3_600_000 - 5 * 60_000), now)).toBe("2 hours ago");
    expect(relativeTime(later(60_000), now)).toBe("in 1 minute");
    expect(relativeTime(later(-45 * 86_400_000), now)).toBe("1 month ago");
  });

  it("says just now under half a minute either way", () => {
    expect(relativeTime(later(29_000), now)).toBe("just now");
    expect(relativeTime(later(-29_000), now)).toBe("just now");
  });
});

describe("exactTime", () => {
  it("is UTC to the second", () => {
    expect(exactTime("2026-12-08T02:02:36.257Z")).toBe("2026-12-08 02:02:36 UTC");
  });
});

import { describe, expect, it } from "vitest";
import {
  orgFiguresLine,
  rollupFigureHref,
  rollupSortHref,
  rollupSortOf,
  rollupTotals,
  sortRollup,
  type RollupItem,
} from "@/lib/dashboard/ui/rollup";

const item = (org_id: string, name: string, active: number, recent_conflicts: number | null): RollupItem => ({
  org_id,
  name,
  counts: {
    active,
    pending_handover: 1,
    unassigned: 0,
    expiring_soon: 0,
    deactivated_in_period: 2,
    expired_in_period: 0,
  },
  recent_conflicts,
});

describe("the roll-up of a person's orgs", () => {
  const items = [item("o_b", "Beta", 5, 2), item("o_a", "Alpha", 5, null), item("o_c", "Gamma", 9, 0)];

  it("sorts by name unless a known column is asked for, busiest first by default, ties by name", () => {
    expect(rollupSortOf({})).toEqual({ column: "name", direction: "asc" });
    expect(rollupSortOf({ sort: "password", dir: "up" })).toEqual({ column: "name", direction: "asc" });
    expect(rollupSortOf({ sort: "active" })).toEqual({ column: "active", direction: "desc" });
    expect(sortRollup(items, { column: "name", direction: "asc" }).map((row) => row.name)).toEqual([
      "Alpha",
      "Beta",
      "Gamma",
    ]);
    expect(sortRollup(items, { column: "active", direction: "desc" }).map((row) => row.name)).toEqual([
      "Gamma",
      "Alpha",
      "Beta",
    ]);
    expect(sortRollup(items, { column: "recent_conflicts", direction: "desc" }).map((row) => row.name)).toEqual([
      "Beta",
      "Gamma",
      "Alpha",
    ]);
  });

  it("a header sorts by its column, and the other way round when it is the sort in force", () => {
    expect(rollupSortHref({ column: "name", direction: "asc" }, "active")).toBe("/orgs?sort=active&dir=desc");
    expect(rollupSortHref({ column: "active", direction: "desc" }, "active")).toBe("/orgs?sort=active&dir=asc");
    expect(rollupSortHref({ column: "active", direction: "desc" }, "name")).toBe("/orgs?sort=name&dir=asc");
  });

  it("totals each column over the orgs whose figure may be read", () => {
    expect(rollupTotals(items)).toMatchObject({
      active: 19,
      pending_handover: 3,
      recent_conflicts: 2,
      deactivated_in_period: 6,
    });
    expect(rollupTotals([item("o_a", "Alpha", 1, null)]).recent_conflicts).toBeNull();
  });

  it("each figure leads to the org's list under the filter that shows it, conflicts to the week's log", () => {
    expect(rollupFigureHref("o_a", "active")).toBe("/orgs/o_a/chatrooms?status=active");
    expect(rollupFigureHref("o_a", "pending_handover")).toBe("/orgs/o_a/chatrooms?pending_handover=true");
    expect(rollupFigureHref("o_a", "recent_conflicts")).toBe("/orgs/o_a/conflicts?days=7");
    expect(rollupFigureHref("o_a", "expired_in_period")).toBeNull();
  });

  it("the switcher says an org's figures in words, leaving out what the person may not read", () => {
    expect(orgFiguresLine({ active: 1200, pendingHandover: 3, recentConflicts: 1 })).toBe(
      "1,200 active · 3 waiting for a handover · 1 conflict in 7 days",
    );
    expect(orgFiguresLine({ active: 0, pendingHandover: 0, recentConflicts: null })).toBe(
      "0 active · 0 waiting for a handover",
    );
  });
});

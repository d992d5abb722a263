import { describe, expect, it } from "vitest";
import { savedViewQueryOf } from "@/lib/dashboard/ui/chatroom-filters";
import { parseConflictFilters } from "@/lib/dashboard/ui/conflict-filters";
import { viewLinks } from "@/lib/dashboard/ui/saved-views";

describe("a saved view is a named query of the chatroom list", () => {
  it("the query is checked with the list's schema and kept canonical (defaults and the page left out)", () => {
    expect(savedViewQueryOf("?sort=expiry&status=active&order=asc")).toEqual({
      ok: true,
      query: "status=active&sort=expiry",
    });
    expect(savedViewQueryOf("unassigned=true&sort=created&order=desc")).toEqual({ ok: true, query: "unassigned=true" });
    expect(savedViewQueryOf("q=M%C3%BCller%20%26%20Co")).toEqual({ ok: true, query: "q=M%C3%BCller+%26+Co" });
    expect(savedViewQueryOf("")).toEqual({ ok: true, query: "" });
  });

  it("refuses unknown keys, a page cursor, repeated keys and bad values instead of dropping them", () => {
    for (const query of [
      "colour=red",
      "status=active&cursor=abc",
      "status=active&status=expired",
      "status=lost",
      "unassigned=yes",
      "expiring_within_hours=0",
      "sort=name",
    ]) {
      expect(savedViewQueryOf(query), query).toMatchObject({ ok: false });
    }
  });

  it("the built-in views' queries are canonical list queries, and 'Conflicts this week' opens the conflicts page for 7 days", () => {
    const views = viewLinks("org_acme", [{ id: "12", name: "Mine", query: "status=active" }]);
    expect(views.map((view) => view.name)).toEqual([
      "Needs an agent",
      "Pending handover",
      "Expiring in 24 h",
      "Conflicts this week",
      "Mine",
    ]);
    for (const view of views.filter((view) => view.query !== null)) {
      expect(savedViewQueryOf(view.query!)).toEqual({ ok: true, query: view.query });
      expect(view.href).toBe(`/orgs/org_acme/chatrooms${view.query ? `?${view.query}` : ""}`);
    }
    const week = views.find((view) => view.name === "Conflicts this week")!;
    expect(week.href).toBe("/orgs/org_acme/conflicts?days=7");
    expect(parseConflictFilters(Object.fromEntries(new URL(week.href, "http://x").searchParams))).toEqual({
      days: 7,
      phone: undefined,
      cursor: undefined,
    });
    expect(views.filter((view) => view.savedId).map((view) => view.savedId)).toEqual(["12"]);
  });

  it("the conflicts page's period is one it offers, else none", () => {
    expect(parseConflictFilters({ days: "30", phone: " +15550100001 " })).toEqual({
      days: 30,
      phone: "+15550100001",
      cursor: undefined,
    });
    expect(parseConflictFilters({ days: "5" }).days).toBeUndefined();
    expect(parseConflictFilters({ days: ["7", "30"] }).days).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./paths";

describe("the place to return to after sign-in", () => {
  it("keeps a path of this site, with its query and fragment", () => {
    expect(safeReturnPath("/orgs/org_acme/chatrooms?status=active#top")).toBe("/orgs/org_acme/chatrooms?status=active#top");
    expect(safeReturnPath("/")).toBe("/");
  });

  it("refuses anything a browser would take to another origin", () => {
    for (const hostile of [
      "/\t/evil.example/",
      "/\n/evil.example",
      "//evil.example/",
      "/\\evil.example",
      "\\/evil.example",
      " //evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "http:/evil.example",
      "/%09/evil.example",
      "",
      undefined,
    ]) {
      const kept = safeReturnPath(hostile);
      expect(new URL(kept, "https://dashboard.example").origin, JSON.stringify(hostile)).toBe("https://dashboard.example");
      // A browser reads it the same way: what is kept is a plain path.
      expect(kept.startsWith("/") && !kept.startsWith("//") && !/[\t\n\r\\]/.test(kept), JSON.stringify(hostile)).toBe(true);
    }
  });
});

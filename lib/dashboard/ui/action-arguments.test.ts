import { describe, expect, it } from "vitest";
import { actionArguments } from "./action-arguments";

describe("server action arguments", () => {
  const create = { body: { lead_id: "c_1", force_deactivate: false }, note: "" };

  it("accepts exactly the expected arguments", () => {
    expect(actionArguments.createChatroom.safeParse(["org_acme", create]).success).toBe(true);
    expect(actionArguments.activateChatroom.safeParse(["org_acme", "cr_1", { force: true }]).success).toBe(true);
  });

  it("refuses an id sent as an array, an object or a number, which a browser can replay", () => {
    for (const orgId of [["org_acme"], { id: "org_acme" }, 42, "", "x".repeat(129), "org\u0000acme"]) {
      expect(actionArguments.createChatroom.safeParse([orgId, create]).success, JSON.stringify(orgId)).toBe(false);
      expect(actionArguments.deactivateChatroom.safeParse(["org_acme", orgId, { body: {} }]).success).toBe(false);
    }
  });

  it("refuses unknown fields and extra arguments", () => {
    expect(actionArguments.createChatroom.safeParse(["org_acme", { ...create, as: "admin" }]).success).toBe(false);
    expect(actionArguments.activateChatroom.safeParse(["org_acme", "cr_1", { force: true }, "more"]).success).toBe(false);
    expect(actionArguments.updateSettings.safeParse(["org_acme", { inactivity_days: 3, org_id: "org_other" }]).success).toBe(false);
  });
});

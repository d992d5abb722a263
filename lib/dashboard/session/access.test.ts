import { describe, expect, it } from "vitest";
import { canPerform, canSeeOrg, requiresNote, type Person, type PersonKind } from "@/lib/dashboard/session/access";

const person = (kind: PersonKind, orgIds: Person["orgIds"]): Person => ({ accountId: "acc", email: "e@x", name: "n", kind, orgIds });

describe("dashboard access: who signs in, and what each may do", () => {
  it("an org person sees only their org; a partner only the partner's orgs; support every org", () => {
    expect(canSeeOrg(person("org_admin", ["org_a"]), "org_a")).toBe(true);
    expect(canSeeOrg(person("org_member", ["org_a"]), "org_b")).toBe(false);
    expect(canSeeOrg(person("partner_member", ["org_a", "org_b"]), "org_b")).toBe(true);
    expect(canSeeOrg(person("partner_member", []), "org_a")).toBe(false);
    expect(canSeeOrg(person("support_agent", "all"), "org_z")).toBe(true);
    // "all" is only ever a support agent's: any other kind with it is refused (fail closed).
    expect(canSeeOrg(person("org_admin", "all"), "org_z")).toBe(false);
  });

  it("a member may change nothing", () => {
    const member = person("org_member", ["org_a"]);
    for (const operation of ["chatroom.create", "chatroom.reassign", "chatroom.activate", "chatroom.deactivate", "org.configure", "org.conflicts", "org.webhooks"] as const) {
      expect(canPerform(member, operation, { force: true })).toBe(false);
    }
  });

  it("admins and partners may do everything in their orgs", () => {
    for (const kind of ["org_admin", "partner_member"] as const) {
      expect(canPerform(person(kind, ["org_a"]), "chatroom.create")).toBe(true);
      expect(canPerform(person(kind, ["org_a"]), "org.configure")).toBe(true);
      expect(canPerform(person(kind, ["org_a"]), "org.webhooks")).toBe(true);
    }
  });

  it("a support agent resolves conflicts only: create and activate with force, deactivate, reassign, each with a note", () => {
    const support = person("support_agent", "all");
    expect(canPerform(support, "chatroom.create")).toBe(false);
    expect(canPerform(support, "chatroom.create", { force: true })).toBe(true);
    expect(canPerform(support, "chatroom.activate")).toBe(false);
    expect(canPerform(support, "chatroom.activate", { force: true })).toBe(true);
    expect(canPerform(support, "chatroom.deactivate")).toBe(true);
    expect(canPerform(support, "chatroom.reassign")).toBe(true);
    expect(canPerform(support, "org.configure")).toBe(false);
    expect(canPerform(support, "org.webhooks")).toBe(false);
    expect(requiresNote(support)).toBe(true);
    expect(requiresNote(person("org_admin", ["org_a"]))).toBe(false);
  });

  it("an unknown kind is denied everything", () => {
    const stranger = person("visitor" as PersonKind, ["org_a"]);
    expect(canPerform(stranger, "chatroom.create", { force: true })).toBe(false);
  });
});

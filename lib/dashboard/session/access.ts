/**
 * Who may do what in the dashboard (docs/architecture.md, lib/dashboard/session/). Pure functions, checked on the
 * server for every page, server action and data request. Fail closed: an unknown kind or operation is denied.
 */
export type PersonKind = "org_admin" | "org_member" | "partner_member" | "support_agent";

export interface Person {
  accountId: string;
  email: string;
  name: string;
  kind: PersonKind;
  /** The orgs this person may see; "all" for support agents. */
  orgIds: readonly string[] | "all";
}

export type Operation =
  | "chatroom.create"
  | "chatroom.reassign"
  | "chatroom.activate"
  | "chatroom.deactivate"
  | "org.configure"
  | "org.conflicts"
  | "org.webhooks";

export const personKindLabel: Record<PersonKind, string> = {
  org_admin: "Org admin",
  org_member: "Org member (read only)",
  partner_member: "Partner",
  support_agent: "Support agent",
};

export function canSeeOrg(person: Person, orgId: string): boolean {
  if (person.orgIds === "all") return person.kind === "support_agent";
  return person.orgIds.includes(orgId);
}

/**
 * Whether the person may perform the operation in an org they can see. Support agents resolve conflicts
 * only: a create or an activation must use force, and every change carries a note.
 */
export function canPerform(person: Person, operation: Operation, options: { force?: boolean } = {}): boolean {
  switch (person.kind) {
    case "org_admin":
    case "partner_member":
      return true;
    case "support_agent":
      if (operation === "chatroom.create" || operation === "chatroom.activate") return options.force === true;
      return operation === "chatroom.reassign" || operation === "chatroom.deactivate" || operation === "org.conflicts";
    case "org_member":
      return false;
    default:
      return false;
  }
}

/** The API serves the audit (a chatroom's change history) to ADMINs only: everyone here but org members. */
export function canReadChangeHistory(person: Person): boolean {
  return person.kind === "org_admin" || person.kind === "partner_member" || person.kind === "support_agent";
}

/** Support agents must give a note with every change; it is sent as X-Audit-Note. */
export function requiresNote(person: Person): boolean {
  return person.kind === "support_agent";
}

/** Who a request acts as, after API-key lookup and impersonation (docs/architecture.md, "An API call"). */
export type Role = "ADMIN" | "MEMBER";

/**
 * The dashboard sign-in account the console key acts for (X-On-Behalf-Of). The request then runs with that
 * person's rights: the principal below is theirs, not the console's.
 */
interface OnBehalfOf {
  accountId: string;
  /** Support agents: every change must carry X-Audit-Note. */
  noteRequired: boolean;
}

/** `keyId` is the API key the request came with; `onBehalfOf` is set only for the console key. */
export type Principal = { keyId: string; onBehalfOf: OnBehalfOf | null } & (
  | { type: "user"; userId: string; orgId: string; role: Role }
  | { type: "partner"; partnerId: string }
  | { type: "console" }
);

export interface Actor {
  type: "user" | "partner" | "console" | "system";
  /** user id, partner id, or the console key's id. */
  id: string | null;
  /** The role in the path's org: partners and the console act as ADMIN. */
  role: Role;
  /** The signed-in person (dashboard account id) the console acted for (X-On-Behalf-Of). */
  onBehalfOf: string | null;
  impersonator: { type: "user" | "partner" | "console"; id: string } | null;
}

/** What every change carries into its audit events (R24). */
export interface RequestContext {
  orgId: string;
  actor: Actor;
  requestId: string;
  note: string | null;
  /** The bulk job the change is part of, if any. */
  bulkId?: string;
}

export const systemActor: Actor = { type: "system", id: null, role: "ADMIN", onBehalfOf: null, impersonator: null };

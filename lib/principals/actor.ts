/** Who a request acts as, after API-key lookup and impersonation (docs/architecture.md, "An API call"). */
export type Role = "ADMIN" | "MEMBER";

export type Principal =
  | { type: "user"; keyId: string; userId: string; orgId: string; role: Role }
  | { type: "partner"; keyId: string; partnerId: string }
  | { type: "console"; keyId: string };

export interface Actor {
  type: "user" | "partner" | "console" | "system";
  /** user id, partner id, or the console key's id. */
  id: string | null;
  /** The role in the path's org: partners and the console act as ADMIN. */
  role: Role;
  /** The signed-in person the console acts for (X-On-Behalf-Of). */
  onBehalfOf: string | null;
  impersonator: { type: "user" | "partner" | "console"; id: string } | null;
}

/** What every change carries into its audit events (R24). */
export interface RequestContext {
  orgId: string;
  actor: Actor;
  requestId: string;
  note: string | null;
}

export const systemActor: Actor = { type: "system", id: null, role: "ADMIN", onBehalfOf: null, impersonator: null };

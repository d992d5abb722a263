import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Actor, Principal, Role } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { apiKeys, orgs, partnerOrgs, users } from "@/lib/db/schema";
import { ApiError } from "@/lib/errors";
import { hashToken } from "@/lib/secrets";

/** last_used_at is written at most once a minute per key: it is bookkeeping, not worth a write per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export async function authenticate(db: Db, authorization: string | null, now: Date): Promise<Principal> {
  const match = authorization?.match(/^Bearer ([\x21-\x7e]{16,512})$/);
  if (!match) {
    throw new ApiError("UNAUTHORIZED", {}, authorization ? "The Authorization header is malformed; send 'Bearer <token>'." : undefined);
  }
  const [key] = await db
    .select({
      id: apiKeys.id,
      principalType: apiKeys.principalType,
      userId: apiKeys.userId,
      partnerId: apiKeys.partnerId,
      revokedAt: apiKeys.revokedAt,
      lastUsedAt: apiKeys.lastUsedAt,
      userOrgId: users.orgId,
      userRole: users.role,
      userActive: users.active,
    })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.userId))
    .where(eq(apiKeys.tokenHash, hashToken(match[1]!)));
  if (!key || key.revokedAt !== null) throw new ApiError("UNAUTHORIZED", {}, "The API key is unknown or revoked.");
  if (key.principalType === "user" && !key.userActive) {
    throw new ApiError("UNAUTHORIZED", {}, "The API key belongs to a disabled user.");
  }
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db
      .update(apiKeys)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(apiKeys.id, key.id),
          or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(now.getTime() - LAST_USED_RESOLUTION_MS))),
        ),
      );
  }
  if (key.principalType === "user") {
    return { type: "user", keyId: key.id, userId: key.userId!, orgId: key.userOrgId!, role: key.userRole as Role };
  }
  if (key.principalType === "partner") return { type: "partner", keyId: key.id, partnerId: key.partnerId! };
  return { type: "console", keyId: key.id };
}

/** The orgs a principal may see (GET /v1/orgs and every org-scoped path). */
export async function visibleOrgs(
  db: Db,
  principal: Principal,
  impersonatedOrgId?: string,
): Promise<{ id: string; name: string }[]> {
  const columns = { id: orgs.id, name: orgs.name };
  if (impersonatedOrgId) return db.select(columns).from(orgs).where(eq(orgs.id, impersonatedOrgId));
  if (principal.type === "user") return db.select(columns).from(orgs).where(eq(orgs.id, principal.orgId));
  if (principal.type === "partner") {
    return db
      .select(columns)
      .from(orgs)
      .innerJoin(partnerOrgs, eq(partnerOrgs.orgId, orgs.id))
      .where(eq(partnerOrgs.partnerId, principal.partnerId))
      .orderBy(orgs.name);
  }
  return db.select(columns).from(orgs).orderBy(orgs.name);
}

export async function canAccessOrg(db: Db, principal: Principal, orgId: string): Promise<boolean> {
  if (principal.type === "user") return principal.orgId === orgId;
  if (principal.type === "partner") {
    const [link] = await db
      .select({ orgId: partnerOrgs.orgId })
      .from(partnerOrgs)
      .where(and(eq(partnerOrgs.partnerId, principal.partnerId), eq(partnerOrgs.orgId, orgId)));
    return link !== undefined;
  }
  const [org] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.id, orgId));
  return org !== undefined;
}

export function actorOf(principal: Principal, onBehalfOf: string | null): Actor {
  if (principal.type === "user") {
    return { type: "user", id: principal.userId, role: principal.role, onBehalfOf: null, impersonator: null };
  }
  const id = principal.type === "partner" ? principal.partnerId : principal.keyId;
  return { type: principal.type, id, role: "ADMIN", onBehalfOf, impersonator: null };
}

/** The org of a user, when the principal may enter it. */
export async function orgOfUser(db: Db, principal: Principal, userId: string): Promise<string | undefined> {
  const [user] = await db.select({ orgId: users.orgId }).from(users).where(eq(users.id, userId));
  return user && (await canAccessOrg(db, principal, user.orgId)) ? user.orgId : undefined;
}

/** X-Impersonate-User: an ADMIN user, a partner or the console acts as an active user of the path's org. */
export async function impersonate(db: Db, actor: Actor, orgId: string, userId: string): Promise<Actor> {
  if (actor.type === "system" || actor.role !== "ADMIN") {
    throw new ApiError("IMPERSONATION_NOT_ALLOWED", {}, "Only an ADMIN, a partner or the console may impersonate.");
  }
  const [user] = await db
    .select({ id: users.id, role: users.role })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, userId), eq(users.active, true)));
  if (!user) {
    throw new ApiError("IMPERSONATION_NOT_ALLOWED", { user_id: userId }, "The impersonated user is not an active user of this org.");
  }
  return {
    type: "user",
    id: user.id,
    role: user.role,
    onBehalfOf: actor.onBehalfOf,
    impersonator: { type: actor.type, id: actor.id! },
  };
}


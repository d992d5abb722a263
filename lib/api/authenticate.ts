import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Actor, Principal, Role } from "@/lib/principals/actor";
import type { Db } from "@/lib/db/client";
import { perDatabase } from "@/lib/db/per-database";
import { accounts, apiKeys, orgs, partnerOrgs, users } from "@/lib/db/schema";
import { ApiError } from "@/lib/errors";
import { rowsOf, timestampParam } from "@/lib/db/sql";
import { hashToken } from "@/lib/secrets";
import { rateDecision, takeTokenStatement, type RateDecision, type RateLimit } from "./rate-limit";
import { TokenReserve } from "./token-reserve";

/** last_used_at is written at most once a minute per key: it is bookkeeping, not worth a write per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

interface KeyRow {
  id: string;
  principal_type: "user" | "partner" | "console";
  user_id: string | null;
  partner_id: string | null;
  revoked_at: string | Date | null;
  expires_at: string | Date | null;
  last_used_at: string | Date | null;
  user_org_id: string | null;
  user_role: Role | null;
  user_active: boolean | null;
  account_id: string | null;
  account_kind: "org_user" | "partner_member" | "support_agent" | null;
  account_partner_id: string | null;
  account_user_id: string | null;
  account_user_org_id: string | null;
  account_user_role: Role | null;
  account_user_active: boolean | null;
  tokens: number | string | null;
  last_allowed: boolean | null;
  last_taken: number | null;
}

export interface Authenticated {
  principal: Principal;
  /** The rate limit, taken in the same statement; answered after the access checks (docs/architecture.md). */
  rate: RateDecision;
}

/** Longer than any account id: named by nobody, so refused without a lookup. */
const MAX_ACCOUNT_ID_LENGTH = 128;

const forbiddenOnBehalfOf = (accountId: string) =>
  new ApiError("FORBIDDEN", { on_behalf_of: accountId.slice(0, MAX_ACCOUNT_ID_LENGTH) }, "X-On-Behalf-Of names no active sign-in account.");

const reserveOf = perDatabase(() => new TokenReserve());

/**
 * Finds the key of a bearer token, resolves the person of X-On-Behalf-Of when the key is the console's, and
 * takes a token from the rate-limit bucket: the key's own, or the (console, person) one; all in one
 * statement, one round trip for what every request needs first. A key busy in this process spends tokens it
 * took ahead instead (lib/api/token-reserve.ts); its key is still looked up, so a revocation holds at once.
 */
export async function authenticate(
  db: Db,
  request: { authorization: string | null; onBehalfOf: string | null },
  now: Date,
  limit: RateLimit,
): Promise<Authenticated> {
  const match = request.authorization?.match(/^Bearer ([\x21-\x7e]{16,512})$/);
  if (!match) {
    throw new ApiError(
      "UNAUTHORIZED",
      {},
      request.authorization ? "The Authorization header is malformed; send 'Bearer <token>'." : undefined,
    );
  }
  const named = request.onBehalfOf?.trim() || null;
  const lookup = named !== null && named.length <= MAX_ACCOUNT_ID_LENGTH ? named : null;
  const tokenHash = hashToken(match[1]!);
  const reserve = reserveOf(db);
  // The bucket a request takes from is decided by the key and the person named, so those name its reserve.
  const reserveKey = `${tokenHash}\n${lookup ?? ""}`;
  const reserved = reserve.spend(reserveKey, now);
  const result = await db.execute(sql`
    with key as (
      select k.id, k.principal_type, k.user_id, k.partner_id, k.revoked_at, k.expires_at, k.last_used_at,
        u.org_id as user_org_id, u.role as user_role, u.active as user_active
      from ${apiKeys} k left join ${users} u on u.id = k.user_id
      where k.token_hash = ${tokenHash}
    ), account as (
      select a.id as account_id, a.kind as account_kind, a.partner_id as account_partner_id,
        au.id as account_user_id, au.org_id as account_user_org_id, au.role as account_user_role,
        au.active as account_user_active
      from ${accounts} a left join ${users} au on au.id = a.user_id
      where a.id = ${lookup} and exists (select 1 from key where principal_type = 'console')
    ), bucket as (
      ${reserved ? sql`select null::float8 as tokens, true as last_allowed, 1 as last_taken` : takeTokenStatement(
        sql`select case when account.account_id is null then 'key:' || key.id else 'console:account:' || account.account_id end
          from key left join account on true
          where key.revoked_at is null and (key.expires_at is null or key.expires_at > ${timestampParam(now)})
            and (key.principal_type <> 'user' or key.user_active)`,
        limit,
        now,
        reserve.wanted(reserveKey),
      )}
    )
    select key.*, account.*, bucket.tokens, bucket.last_allowed, bucket.last_taken from key left join account on true left join bucket on true`);
  const [key] = rowsOf<KeyRow>(result);
  if (!key || key.revoked_at !== null) throw new ApiError("UNAUTHORIZED", {}, "The API key is unknown or revoked.");
  if (key.expires_at !== null && new Date(key.expires_at).getTime() <= now.getTime()) {
    throw new ApiError("UNAUTHORIZED", {}, "The API key has expired.");
  }
  if (key.principal_type === "user" && !key.user_active) {
    throw new ApiError("UNAUTHORIZED", {}, "The API key belongs to a disabled user.");
  }
  if (named !== null && key.principal_type !== "console") {
    throw new ApiError("FORBIDDEN", {}, "Only the console key may send X-On-Behalf-Of.");
  }
  const lastUsed = key.last_used_at === null ? 0 : new Date(key.last_used_at).getTime();
  if (now.getTime() - lastUsed >= LAST_USED_RESOLUTION_MS) {
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
  // A name that resolved to nobody is refused below: it keeps no tokens for requests that will be refused too.
  const nameResolved = lookup === null || key.account_id !== null;
  if (!reserved && nameResolved && key.last_taken !== null && key.last_taken > 0) reserve.keep(reserveKey, key.last_taken, now);
  const rate: RateDecision = reserved
    ? { allowed: true, retryAfterSeconds: 0 }
    : rateDecision(key.tokens === null ? undefined : { tokens: key.tokens, last_allowed: key.last_allowed ?? true }, limit);
  if (named !== null) return { principal: personOf(key, named), rate };
  const base = { keyId: key.id, onBehalfOf: null };
  if (key.principal_type === "user") {
    return { principal: { ...base, type: "user", userId: key.user_id!, orgId: key.user_org_id!, role: key.user_role! }, rate };
  }
  if (key.principal_type === "partner") return { principal: { ...base, type: "partner", partnerId: key.partner_id! }, rate };
  return { principal: { ...base, type: "console" }, rate };
}

/**
 * X-On-Behalf-Of: the console runs with the named person's rights. An org user's account acts as that user
 * (role and memberships in its org), a partner member as its partner, a support agent as the console
 * (ADMIN in every org) with a note required on every change. Unknown or disabled: refused.
 */
function personOf(key: KeyRow, named: string): Principal {
  if (key.account_id === null) throw forbiddenOnBehalfOf(named);
  const onBehalfOf = { accountId: key.account_id, noteRequired: key.account_kind === "support_agent" };
  const base = { keyId: key.id, onBehalfOf };
  switch (key.account_kind) {
    case "org_user":
      if (!key.account_user_active || key.account_user_id === null) throw forbiddenOnBehalfOf(named);
      return { ...base, type: "user", userId: key.account_user_id, orgId: key.account_user_org_id!, role: key.account_user_role! };
    case "partner_member":
      return { ...base, type: "partner", partnerId: key.account_partner_id! };
    case "support_agent":
      return { ...base, type: "console" };
    default:
      throw forbiddenOnBehalfOf(named);
  }
}

/**
 * Who the idempotency records of a request belong to (scoped by principal, docs/architecture.md): the user, the partner,
 * the person the console acts for, or the console; never the key, so a second key of one user shares them.
 */
export function principalScope(principal: Principal): string {
  if (principal.onBehalfOf) return `account:${principal.onBehalfOf.accountId}`;
  if (principal.type === "user") return `user:${principal.userId}`;
  if (principal.type === "partner") return `partner:${principal.partnerId}`;
  return "console";
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

export function actorOf(principal: Principal): Actor {
  const onBehalfOf = principal.onBehalfOf?.accountId ?? null;
  if (principal.type === "user") {
    return { type: "user", id: principal.userId, role: principal.role, onBehalfOf, impersonator: null };
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


import "server-only";
import { eq, inArray, sql } from "drizzle-orm";
import { getDatabase } from "@/lib/db";
import type { Db } from "@/lib/db/client";
import { accounts, partnerOrgs, revokedSessions, users } from "@/lib/db/schema";
import { verifyPassword } from "@/lib/secrets";
import type { Person } from "@/lib/dashboard/session/access";

/**
 * Sign-in accounts, read from the dashboard's own tables (pages and actions never read them but through here).
 * The person is resolved again on every request, with the session's claims checked against the account, so
 * a sign-out, a new password, a disabled user or a removed partner link takes effect at once, whatever the
 * session cookie says.
 */
export interface SessionClaims {
  accountId: string;
  /** The account's session_version when this session signed in. */
  sessionVersion: number;
  sessionId: string;
}

export async function loadPerson(db: Db, session: SessionClaims): Promise<Person | null> {
  const [account] = await db
    .select({
      id: accounts.id,
      email: accounts.email,
      name: accounts.name,
      kind: accounts.kind,
      partnerId: accounts.partnerId,
      sessionVersion: accounts.sessionVersion,
      revoked: sql<boolean>`exists (select 1 from ${revokedSessions} where ${revokedSessions.sessionId} = ${session.sessionId})`,
      userOrgId: users.orgId,
      userRole: users.role,
      userActive: users.active,
    })
    .from(accounts)
    .leftJoin(users, eq(users.id, accounts.userId))
    .where(eq(accounts.id, session.accountId));
  // A session signed out, or older than the account's last "sign out everywhere", password or disabling.
  if (!account || account.revoked || account.sessionVersion !== session.sessionVersion) return null;
  const base = { accountId: account.id, email: account.email, name: account.name };
  if (account.kind === "org_user") {
    if (!account.userActive || !account.userOrgId) return null;
    return { ...base, kind: account.userRole === "ADMIN" ? "org_admin" : "org_member", orgIds: [account.userOrgId] };
  }
  if (account.kind === "partner_member") {
    const links = await db
      .select({ orgId: partnerOrgs.orgId })
      .from(partnerOrgs)
      .where(eq(partnerOrgs.partnerId, account.partnerId!));
    return { ...base, kind: "partner_member", orgIds: links.map((link) => link.orgId) };
  }
  if (account.kind === "support_agent") return { ...base, kind: "support_agent", orgIds: "all" };
  return null;
}

// A valid hash of a random password: verifying against it costs the same as a real check.
const DUMMY_HASH = "scrypt$16384$8$1$c3dpdGNoYm9hcmQtZHVtbXk$8mM3k1x4Vh8n0b2C5u8m1eC6yq9Yd0kU3V6oYQ9wI9j2m4cK5b8Z7dF3sX1pT6rL0aE2uN9gH4jB7vC1xS5qW8A";

/** The account id for an email and password, or null; the same time is spent whether the email exists. */
export async function verifyCredentials(db: Db, email: string, password: string): Promise<string | null> {
  const account = await accountByEmail(db, email);
  const ok = await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH).catch(() => false);
  return ok && account?.passwordHash && account.active ? account.id : null;
}

/** The account of a single-sign-on email, when one is provisioned and not disabled. */
export async function accountIdForEmail(db: Db, email: string): Promise<string | null> {
  const account = await accountByEmail(db, email);
  return account?.active ? account.id : null;
}

/** An org user's account is disabled with its user; partner members and support agents have no such flag. */
async function accountByEmail(db: Db, email: string) {
  const [account] = await db
    .select({ id: accounts.id, passwordHash: accounts.passwordHash, active: sql<boolean>`coalesce(${users.active}, true)` })
    .from(accounts)
    .leftJoin(users, eq(users.id, accounts.userId))
    .where(eq(sql`lower(${accounts.email})`, email.trim().toLowerCase()));
  return account;
}

/** Display names of accounts, for the timeline's actors (no other field leaves this module). */
export async function accountNames(ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const { db } = await getDatabase();
  const rows = await db
    .select({ id: accounts.id, name: accounts.name })
    .from(accounts)
    .where(inArray(accounts.id, ids));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** The account's current session version, stamped on a session when it signs in. */
export async function sessionVersionOf(db: Db, accountId: string): Promise<number | null> {
  const [account] = await db.select({ version: accounts.sessionVersion }).from(accounts).where(eq(accounts.id, accountId));
  return account?.version ?? null;
}

/** Sign-out: this session's cookie is refused from now on, even if it was copied. */
export async function revokeSession(db: Db, session: { sessionId: string; expiresAt: Date }): Promise<void> {
  await db.insert(revokedSessions).values(session).onConflictDoNothing();
}

/** "Sign out everywhere": every session of the account ends. */
export async function endAllSessions(db: Db, accountId: string): Promise<void> {
  await db
    .update(accounts)
    .set({ sessionVersion: sql`${accounts.sessionVersion} + 1` })
    .where(eq(accounts.id, accountId));
}

import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { apiKeys, partners, users } from "@/lib/db/schema";
import { generateToken, hashToken, randomId } from "@/lib/secrets";

export type KeyOwner = { user: string } | { partner: string } | { console: true };

class ApiKeyError extends Error {
  readonly userFacing = true;
}

/** Makes a key with a random token (32 bytes of entropy); the token is returned once and only its hash kept. */
export async function createApiKey(db: Db, params: { owner: KeyOwner; id?: string; now: Date }): Promise<{ id: string; token: string }> {
  const owner = params.owner;
  if ("user" in owner) {
    const [user] = await db.select({ id: users.id }).from(users).where(eq(users.id, owner.user));
    if (!user) throw new ApiKeyError(`no user '${owner.user}'`);
  } else if ("partner" in owner) {
    const [partner] = await db.select({ id: partners.id }).from(partners).where(eq(partners.id, owner.partner));
    if (!partner) throw new ApiKeyError(`no partner '${owner.partner}'`);
  }
  const id = params.id ?? randomId("k");
  const token = generateToken();
  await db.insert(apiKeys).values({
    id,
    tokenHash: hashToken(token),
    principalType: "user" in owner ? "user" : "partner" in owner ? "partner" : "console",
    userId: "user" in owner ? owner.user : null,
    partnerId: "partner" in owner ? owner.partner : null,
    createdAt: params.now,
  });
  return { id, token };
}

/** Revokes a key: it answers 401 from then on. Revoking a revoked key changes nothing. */
export async function revokeApiKey(db: Db, params: { id: string; now: Date }): Promise<boolean> {
  const revoked = await db
    .update(apiKeys)
    .set({ revokedAt: params.now })
    .where(and(eq(apiKeys.id, params.id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return revoked.length > 0;
}

export async function listApiKeys(db: Db) {
  return db
    .select({
      id: apiKeys.id,
      principalType: apiKeys.principalType,
      userId: apiKeys.userId,
      partnerId: apiKeys.partnerId,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .orderBy(asc(apiKeys.id));
}

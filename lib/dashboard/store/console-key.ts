import "server-only";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { apiKeys } from "@/lib/db/schema";
import { generateToken, hashToken, randomId } from "@/lib/secrets";

/** Keys the dashboard makes for itself carry this id prefix, so that an operator can tell them apart. */
export const CONSOLE_KEY_PREFIX = "k_dashboard_console_";

/**
 * How long an instance's console key lives without renewal. The instance renews it well before (every
 * third of this), so a key lapses only when its instance stopped; the sweeper then deletes it.
 */
export const CONSOLE_KEY_TTL_MS = 15 * 60 * 1000;

export interface ConsoleKey {
  id: string;
  token: string;
}

/**
 * A console key of this instance's own for the dashboard's API client. Other instances' keys are left
 * alone, so any number of instances may start, restart and stop in any order. The token is returned once
 * and kept in memory only; only its hash is stored.
 */
export async function issueConsoleKey(db: Db, now: Date): Promise<ConsoleKey> {
  const key = { id: randomId(CONSOLE_KEY_PREFIX.slice(0, -1)), token: generateToken() };
  await db.insert(apiKeys).values({
    id: key.id,
    tokenHash: hashToken(key.token),
    principalType: "console",
    createdAt: now,
    expiresAt: new Date(now.getTime() + CONSOLE_KEY_TTL_MS),
  });
  return key;
}

/** Moves the key's expiry on; false when it can no longer be renewed (lapsed, revoked or deleted). */
export async function renewConsoleKey(db: Db, id: string, now: Date): Promise<boolean> {
  const renewed = await db
    .update(apiKeys)
    .set({ expiresAt: new Date(now.getTime() + CONSOLE_KEY_TTL_MS) })
    .where(and(eq(apiKeys.id, id), eq(apiKeys.principalType, "console"), isNull(apiKeys.revokedAt), gt(apiKeys.expiresAt, now)))
    .returning({ id: apiKeys.id });
  return renewed.length > 0;
}

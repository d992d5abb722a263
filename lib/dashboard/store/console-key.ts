import "server-only";
import { and, eq, isNull, like } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { apiKeys } from "@/lib/db/schema";
import { generateToken, hashToken, randomId } from "@/lib/secrets";

/** Keys the dashboard makes for itself at start carry this id prefix, so the next start can revoke them. */
export const CONSOLE_KEY_PREFIX = "k_dashboard_console_";

/**
 * Makes a fresh console key for the dashboard's API client and revokes the ones made by earlier starts, in
 * one transaction. The token is returned once and kept in memory only; only its hash is stored.
 */
export async function issueConsoleKey(db: Db, now: Date): Promise<string> {
  const token = generateToken();
  await db.transaction(async (tx) => {
    await tx
      .update(apiKeys)
      .set({ revokedAt: now })
      .where(and(like(apiKeys.id, `${CONSOLE_KEY_PREFIX}%`), eq(apiKeys.principalType, "console"), isNull(apiKeys.revokedAt)));
    await tx.insert(apiKeys).values({
      id: randomId(CONSOLE_KEY_PREFIX.slice(0, -1)),
      tokenHash: hashToken(token),
      principalType: "console",
      createdAt: now,
    });
  });
  return token;
}

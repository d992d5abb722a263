import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";

/**
 * The lock per (org, phone number) of docs/rules.md (I1): creates, activations and inbound messages for one
 * number take it first in their transaction, so they see each other's effects in a serial order.
 */
export async function lockPhoneNumber(tx: Db, orgId: string, phoneNumber: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${orgId} ${phoneNumber}`}, 0))`);
}

import { sql, type Placeholder, type SQL } from "drizzle-orm";
import { chatrooms } from "@/lib/db/schema";
import { timestampParam } from "@/lib/db/sql";

/** Not closed in the database: what the unique partial indexes of I1 and I2 cover. */
export const chatroomOpen: SQL = sql`(${chatrooms.deactivatedAt} is null and ${chatrooms.expiredAt} is null)`;

/**
 * Active at `now` (R4): open, and before both deadlines, whether or not a lapse was written out. `now` may be
 * a prepared statement's placeholder.
 */
export function chatroomActiveAt(now: Date | Placeholder): SQL {
  const at = timestampParam(now);
  return sql`(${chatroomOpen} and ${chatrooms.expiryTs} > ${at} and ${chatrooms.inactivityDeadline} > ${at})`;
}

import { and, desc, eq, inArray, lt, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { chatrooms, conflictLog } from "@/lib/db/schema";
import { decodeCursor, sequenceCursorSchema, toPage } from "@/lib/pagination";
import { loadChatrooms, toConflict } from "./records";

/** R25: the conflict log, newest first, with the conflicting chatrooms' state as of now. */
export async function listConflicts(db: Db, params: { orgId: string; now: Date; phone?: string; cursor?: string; limit: number }) {
  const conditions: SQL[] = [eq(conflictLog.orgId, params.orgId)];
  if (params.phone) conditions.push(eq(conflictLog.phoneNumber, params.phone));
  const after = decodeCursor(params.cursor, sequenceCursorSchema);
  if (after) conditions.push(lt(conflictLog.id, after.id));
  const rows = await db
    .select()
    .from(conflictLog)
    .where(and(...conditions))
    .orderBy(desc(conflictLog.id))
    .limit(params.limit + 1);
  // Stryker disable next-line MethodExpression: saves loading the rooms of the row that only says there is more
  const page = rows.slice(0, params.limit);
  const ids = [...new Set(page.flatMap((row) => row.chatroomIds))];
  // Stryker disable next-line ConditionalExpression: saves a round trip; the rooms of no id are none
  const rooms = ids.length === 0 ? [] : await loadChatrooms(db, { orgId: params.orgId, where: inArray(chatrooms.id, ids) });
  const byId = new Map(rooms.map((room) => [room.id, toConflict(room, params.now)]));
  return toPage(
    rows,
    params.limit,
    (row) => ({
      id: String(row.id),
      phone_number: row.phoneNumber,
      contact_id: row.contactId,
      error_code: row.errorCode,
      principal: row.principal,
      at: row.at.toISOString(),
      conflicts: row.chatroomIds.map((id) => byId.get(id)).filter((room) => room !== undefined),
    }),
    (last) => ({ id: last.id }),
  );
}

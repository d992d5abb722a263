import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { appClock } from "@/lib/app-clock";
import { getDatabase } from "@/lib/db";
import { dashboardActions } from "@/lib/db/schema";
import type { Person } from "@/lib/dashboard/session/access";

/**
 * The dashboard's own record of every change a person asked for (who, what, when, the answer). It is kept
 * in the dashboard's database, not the API's, so it exists also when the API is the upstream one.
 */
export interface ActionRecord {
  orgId: string;
  chatroomId: string | null;
  action: string;
  request: Record<string, unknown>;
  note?: string;
  status: number;
  outcome: string;
  requestId: string | null;
}

export async function recordAction(person: Person, record: ActionRecord): Promise<void> {
  const { db } = await getDatabase();
  await db.insert(dashboardActions).values({
    accountId: person.accountId,
    accountEmail: person.email,
    orgId: record.orgId,
    chatroomId: record.chatroomId,
    action: record.action,
    request: record.request,
    note: record.note ?? null,
    status: record.status,
    outcome: record.outcome.slice(0, 200),
    requestId: record.requestId?.slice(0, 128) ?? null,
    at: appClock().now(),
  });
}

export interface ActionEntry {
  id: string;
  accountId: string;
  action: string;
  note: string | null;
  status: number;
  outcome: string;
  requestId: string | null;
  at: string;
}

/** The person-level actions of one chatroom, newest first (read by the chatroom timeline). */
export async function listChatroomActions(orgId: string, chatroomId: string, limit = 100): Promise<ActionEntry[]> {
  const { db } = await getDatabase();
  const rows = await db
    .select({
      id: dashboardActions.id,
      accountId: dashboardActions.accountId,
      action: dashboardActions.action,
      note: dashboardActions.note,
      status: dashboardActions.status,
      outcome: dashboardActions.outcome,
      requestId: dashboardActions.requestId,
      at: dashboardActions.at,
    })
    .from(dashboardActions)
    .where(and(eq(dashboardActions.orgId, orgId), eq(dashboardActions.chatroomId, chatroomId)))
    .orderBy(desc(dashboardActions.id))
    .limit(limit);
  return rows.map((row) => ({ ...row, id: String(row.id), at: row.at.toISOString() }));
}

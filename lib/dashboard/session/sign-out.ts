import "server-only";
import { appClock } from "@/lib/app-clock";
import { getDatabase } from "@/lib/db";
import { endAllSessions, revokeSession } from "@/lib/dashboard/store";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/dashboard/session/next-auth";
import { currentSession } from "@/lib/dashboard/session/person";

/** Ends this request's session, or every session of its account; a request without one ends nothing. */
export async function endSession(which: "this" | "everywhere"): Promise<void> {
  const session = await currentSession();
  if (!session) return;
  const { db } = await getDatabase();
  if (which === "everywhere") await endAllSessions(db, session.accountId);
  // Kept as long as the cookie could still be valid; then the sweeper deletes the row.
  else await revokeSession(db, { sessionId: session.sessionId, expiresAt: new Date(appClock().now().getTime() + SESSION_MAX_AGE_SECONDS * 1000) });
}

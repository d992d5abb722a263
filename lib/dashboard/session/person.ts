import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDatabase } from "@/lib/db";
import { canSeeOrg, type Person } from "@/lib/dashboard/session/access";
import { loadPerson, type SessionClaims } from "@/lib/dashboard/store";
import { safeReturnPath } from "@/lib/dashboard/ui/paths";
import { authOptions } from "@/lib/dashboard/session/next-auth";

/** The signed-in person of this request, or null; resolved once per request. */
export const currentPerson = cache(async (): Promise<Person | null> => {
  const session = await currentSession();
  if (!session) return null;
  const { db } = await getDatabase();
  return loadPerson(db, session);
});

/** The claims of this request's session cookie; a cookie of before session versions is no session. */
export async function currentSession(): Promise<SessionClaims | null> {
  const session = await getServerSession(authOptions());
  if (!session?.accountId || session.sessionVersion === undefined || !session.sessionId) return null;
  return { accountId: session.accountId, sessionVersion: session.sessionVersion, sessionId: session.sessionId };
}

/** The signed-in person, or a redirect to the sign-in page that returns to this page afterwards. */
export async function requirePerson(): Promise<Person> {
  const person = await currentPerson();
  if (!person) {
    const returnTo = safeReturnPath((await headers()).get("x-return-path") ?? undefined);
    redirect(returnTo === "/" ? "/signin" : `/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  }
  return person;
}

/** The person, when they may see the org; any other org is a 404, exactly like one that does not exist. */
export async function requireOrg(orgId: string): Promise<Person> {
  const person = await requirePerson();
  if (!canSeeOrg(person, orgId)) notFound();
  return person;
}

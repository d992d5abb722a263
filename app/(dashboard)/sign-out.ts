"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";

/** Signing out ends the JWT session by removing next-auth's session cookie (sessions are stateless). */
export async function signOut(): Promise<void> {
  const jar = await cookies();
  for (const cookie of jar.getAll()) {
    if (/^(__Secure-)?next-auth\.session-token(\.\d+)?$/.test(cookie.name)) jar.delete(cookie.name);
  }
  redirect("/signin");
}

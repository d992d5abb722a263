"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { endSession } from "@/lib/dashboard/session/sign-out";

async function dropSessionCookie(): Promise<void> {
  const jar = await cookies();
  for (const cookie of jar.getAll()) {
    if (/^(__Secure-)?next-auth\.session-token(\.\d+)?$/.test(cookie.name)) jar.delete(cookie.name);
  }
}

/** Signing out revokes this session on the server (a copied cookie stops working) and drops the cookie. */
export async function signOut(): Promise<void> {
  await endSession("this");
  await dropSessionCookie();
  redirect("/signin");
}

/** Every session of this person ends, on every device. */
export async function signOutEverywhere(): Promise<void> {
  await endSession("everywhere");
  await dropSessionCookie();
  redirect("/signin");
}

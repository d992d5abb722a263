import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { SignInForm } from "@/components/sign-in-form";
import { isOidcEnabled } from "@/lib/dashboard/session/next-auth";
import { safeReturnPath } from "@/lib/dashboard/ui/paths";
import { currentPerson } from "@/lib/dashboard/session/person";

export const metadata: Metadata = { title: "Sign in · Switchboard" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  await connection();
  if (await currentPerson()) redirect("/");
  const { callbackUrl } = await searchParams;
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-12">
      <h1 className="text-2xl font-semibold">Sign in to Switchboard</h1>
      <p className="mt-1 text-sm text-slate-700">The console for chatrooms on your WhatsApp Business numbers.</p>
      <SignInForm returnTo={safeReturnPath(typeof callbackUrl === "string" ? callbackUrl : undefined)} oidc={isOidcEnabled()} />
    </main>
  );
}

import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { SignInForm } from "@/components/sign-in-form";
import { isOidcEnabled } from "@/lib/dashboard/session/next-auth";
import { currentPerson } from "@/lib/dashboard/session/person";
import { safeReturnPath } from "@/lib/dashboard/ui/paths";

export const metadata: Metadata = { title: "Sign in · Switchboard" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  await connection();
  const { callbackUrl } = await searchParams;
  const returnTo = safeReturnPath(typeof callbackUrl === "string" ? callbackUrl : undefined);
  if (await currentPerson()) redirect(returnTo);
  return (
    <main id="main" className="flex min-h-dvh flex-col items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm space-y-6">
        <div className="space-y-2 text-center">
          <span aria-hidden="true" className="mx-auto block size-9 rounded-lg bg-primary" />
          <h1 className="text-xl font-semibold">Sign in to Switchboard</h1>
          <p className="text-sm text-muted-foreground">The console for chatrooms on your WhatsApp Business numbers.</p>
        </div>
        <div className="rounded-xl border border-border bg-surface p-6 shadow-xs">
          <SignInForm returnTo={returnTo} oidc={isOidcEnabled()} />
        </div>
      </div>
    </main>
  );
}

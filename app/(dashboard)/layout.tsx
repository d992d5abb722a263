import Link from "next/link";
import { connection } from "next/server";
import { Providers } from "@/components/providers";
import { personKindLabel } from "@/lib/dashboard/session/access";
import { requirePerson } from "@/lib/dashboard/session/person";
import { signOut, signOutEverywhere } from "./sign-out";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  await connection();
  const person = await requirePerson();
  return (
    <Providers>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:p-2">
        Skip to content
      </a>
      <header className="border-b border-slate-300 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-2 px-4 py-3">
          <Link href="/" className="text-lg font-semibold">
            Switchboard
          </Link>
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <span>
              <span className="font-medium">{person.name}</span> <span className="text-slate-600">· {personKindLabel[person.kind]}</span>
            </span>
            <form action={signOut}>
              <button type="submit" className="rounded border border-slate-400 px-2 py-1 hover:bg-slate-100">
                Sign out
              </button>
            </form>
            <form action={signOutEverywhere}>
              <button type="submit" className="rounded border border-slate-400 px-2 py-1 hover:bg-slate-100">
                Sign out everywhere
              </button>
            </form>
          </div>
        </div>
      </header>
      {children}
    </Providers>
  );
}

import { connection } from "next/server";
import { Providers } from "@/components/providers";
import { requirePerson } from "@/lib/dashboard/session/person";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  await connection();
  await requirePerson();
  return (
    <Providers>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-surface focus:px-3 focus:py-2 focus:shadow-popover"
      >
        Skip to content
      </a>
      {children}
    </Providers>
  );
}

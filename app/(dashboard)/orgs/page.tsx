import { Building2, ChevronRight } from "lucide-react";
import { cookies } from "next/headers";
import Link from "next/link";
import { LoadFailure } from "@/components/load-failure";
import { UserMenuButton } from "@/components/sidebar";
import { EmptyState } from "@/components/ui/empty-state";
import { visibleOrgsOf } from "@/lib/dashboard/api/orgs";
import { sectionOf } from "@/lib/dashboard/api/sections";
import { personKindLabel } from "@/lib/dashboard/session/access";
import { requirePerson } from "@/lib/dashboard/session/person";
import { orgPath } from "@/lib/dashboard/ui/paths";
import { THEME_COOKIE, themeOf } from "@/lib/dashboard/ui/preferences";

export const metadata = { title: "Your orgs · Switchboard" };

export default async function OrgSwitcherPage() {
  const person = await requirePerson();
  const visible = await visibleOrgsOf(person);
  const orgs = visible.ok ? visible.data : [];
  const theme = themeOf((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <div className="min-h-dvh">
      <header className="flex items-center justify-between border-b border-border bg-surface px-4 py-2">
        <p className="text-sm font-semibold">
          <span aria-hidden="true" className="mr-1.5 inline-block size-2.5 rounded-sm bg-primary" />
          Switchboard
        </p>
        <div className="w-56">
          <UserMenuButton person={{ name: person.name, role: personKindLabel[person.kind], theme }} />
        </div>
      </header>
      <main id="main" className="mx-auto max-w-2xl px-4 py-10">
        <h1 className="text-xl font-semibold">Choose an org</h1>
        {!visible.ok ? (
          <div className="mt-6">
            <LoadFailure section={sectionOf(visible)} what="your orgs" />
          </div>
        ) : (
          <p className="mt-1 text-sm text-muted-foreground">You look after {orgs.length === 1 ? "one org" : `${orgs.length} orgs`}.</p>
        )}
        {!visible.ok ? null : orgs.length === 0 ? (
          <EmptyState icon={Building2} title="You have no orgs to look after yet." className="mt-6">
            Ask whoever runs your partner account to link you to a client org; it will show up here.
          </EmptyState>
        ) : (
          <ul className="mt-6 divide-y divide-border overflow-hidden rounded-lg border border-border bg-surface shadow-xs">
            {orgs.map((org) => (
              <li key={org.id}>
                <Link href={orgPath(org.id)} className="flex items-center justify-between gap-3 px-4 py-3 hover:bg-surface-hover">
                  <span className="flex items-center gap-3 font-medium">
                    <Building2 aria-hidden="true" className="size-4 text-muted-foreground" />
                    {org.name}
                  </span>
                  <ChevronRight aria-hidden="true" className="size-4 text-muted-foreground" />
                </Link>
              </li>
            ))}
          </ul>
        )}
      </main>
    </div>
  );
}

import Link from "next/link";
import { notFound } from "next/navigation";
import { LoadFailure } from "@/components/ui";
import { canPerform } from "@/lib/dashboard/session/access";
import { chatroomsPath, newChatroomPath, orgPath } from "@/lib/dashboard/ui/paths";
import { visibleOrgsOf } from "@/lib/dashboard/api/orgs";
import { requireOrg } from "@/lib/dashboard/session/person";

export default async function OrgLayout({ children, params }: { children: React.ReactNode; params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const person = await requireOrg(orgId);
  const visible = await visibleOrgsOf(person);
  if (!visible.ok) {
    return (
      <main id="main" className="mx-auto max-w-7xl px-4 py-8">
        <LoadFailure error={visible.error} what="a list of orgs" title="This org could not be shown." />
      </main>
    );
  }
  const orgs = visible.data;
  const org = orgs.find((candidate) => candidate.id === orgId);
  if (!org) notFound();
  const links = [
    { href: chatroomsPath(orgId), label: "Chatrooms", show: true },
    { href: newChatroomPath(orgId), label: "New chatroom", show: canPerform(person, "chatroom.create", { force: true }) },
    { href: `${orgPath(orgId)}/conflicts`, label: "Conflicts", show: canPerform(person, "org.conflicts") },
    { href: `${orgPath(orgId)}/settings`, label: "Settings", show: true },
  ];
  return (
    <div className="mx-auto max-w-7xl px-4 py-4">
      <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
        {orgs.length > 1 ? (
          <details className="relative">
            <summary className="cursor-pointer rounded border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium">
              Org: {org.name} <span className="sr-only">(switch org)</span>
            </summary>
            <ul className="absolute z-20 mt-1 min-w-56 rounded-md border border-slate-300 bg-white py-1 shadow-lg">
              {orgs.map((other) => (
                <li key={other.id}>
                  <Link
                    href={chatroomsPath(other.id)}
                    aria-current={other.id === orgId ? "true" : undefined}
                    className="block px-3 py-1.5 text-sm hover:bg-slate-100"
                  >
                    {other.name}
                  </Link>
                </li>
              ))}
            </ul>
          </details>
        ) : (
          <p className="text-sm font-medium">{org.name}</p>
        )}
        <nav aria-label="Org">
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            {links
              .filter((link) => link.show)
              .map((link) => (
                <li key={link.href}>
                  <Link href={link.href} className="text-blue-800 underline hover:text-blue-900">
                    {link.label}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
      </div>
      <main id="main" className="mt-4">
        {children}
      </main>
    </div>
  );
}

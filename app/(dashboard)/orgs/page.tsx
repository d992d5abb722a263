import Link from "next/link";
import { LoadFailure } from "@/components/ui";
import { chatroomsPath } from "@/lib/dashboard/ui/paths";
import { visibleOrgsOf } from "@/lib/dashboard/api/orgs";
import { requirePerson } from "@/lib/dashboard/session/person";

export const metadata = { title: "Your orgs · Switchboard" };

export default async function OrgSwitcherPage() {
  const person = await requirePerson();
  const visible = await visibleOrgsOf(person);
  if (!visible.ok) {
    return (
      <main id="main" className="mx-auto max-w-3xl px-4 py-8">
        <h1 className="text-2xl font-semibold">Choose an org</h1>
        <div className="mt-6">
          <LoadFailure error={visible.error} what="a list of orgs" title="Your orgs could not be shown." />
        </div>
      </main>
    );
  }
  const orgs = visible.data;
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-8">
      <h1 className="text-2xl font-semibold">Choose an org</h1>
      {orgs.length === 0 ? (
        <div className="mt-6 rounded-md border border-slate-300 bg-white p-6">
          <p className="font-medium">You have no orgs to look after yet.</p>
          <p className="mt-1 text-sm text-slate-700">Ask whoever runs your partner account to link you to a client org; it will show up here.</p>
        </div>
      ) : (
        <ul className="mt-6 divide-y divide-slate-200 rounded-md border border-slate-300 bg-white">
          {orgs.map((org) => (
            <li key={org.id}>
              <Link href={chatroomsPath(org.id)} className="flex items-center justify-between px-4 py-3 hover:bg-slate-50">
                <span className="font-medium text-blue-800 underline">{org.name}</span>
                <span className="text-sm text-slate-600">{org.id}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}

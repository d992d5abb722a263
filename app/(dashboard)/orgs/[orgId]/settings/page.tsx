import { SettingsForm } from "@/components/settings-form";
import { ExtensionMissing, LoadFailure } from "@/components/ui";
import { canPerform } from "@/lib/dashboard/session/access";
import { apiFor } from "@/lib/dashboard/api/client";
import { loadDirectory } from "@/lib/dashboard/api/views";
import { requireOrg } from "@/lib/dashboard/session/person";

export const metadata = { title: "Settings · Switchboard" };

export default async function SettingsPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const person = await requireOrg(orgId);
  const [config, directory] = await Promise.all([apiFor(person).getConfig(orgId), loadDirectory(person, orgId)]);
  const editable = canPerform(person, "org.configure");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Settings</h1>
      <section aria-labelledby="config-title" className="rounded-md border border-slate-300 bg-white p-4">
        <h2 id="config-title" className="font-semibold">
          Chatroom rules
        </h2>
        <div className="mt-3">
          {!config.ok ? (
            <LoadFailure error={config.error} what="org settings" title="The settings could not be loaded." />
          ) : editable ? (
            <SettingsForm orgId={orgId} config={config.data} />
          ) : (
            <dl className="grid gap-2 text-sm sm:grid-cols-2" data-testid="settings-read-only">
              <div><dt className="text-slate-600">Inactivity days</dt><dd>{config.data.inactivity_days}</dd></div>
              <div><dt className="text-slate-600">Expiry days</dt><dd>{config.data.expiry_days}</dd></div>
              <div><dt className="text-slate-600">Default history visibility</dt><dd>{config.data.history_visibility}</dd></div>
              <div><dt className="text-slate-600">Group strategy</dt><dd>{config.data.group_strategy}</dd></div>
            </dl>
          )}
        </div>
      </section>
      {directory.missing ? <ExtensionMissing what="the org's WABAs, users and groups" /> : null}
      <section aria-labelledby="wabas-title" className="rounded-md border border-slate-300 bg-white p-4">
        <h2 id="wabas-title" className="font-semibold">WABAs and phones</h2>
        <ul className="mt-2 space-y-2 text-sm">
          {directory.wabas.map((waba) => (
            <li key={waba.remote_waba_id}>
              <span className="font-medium">{waba.name}</span> ({waba.remote_waba_id}, {waba.matrix_host_name})
              <ul className="ml-5 list-disc">
                {waba.phones.map((phone) => (
                  <li key={phone.remote_phone_id}>
                    {phone.display_phone_number} · {phone.remote_phone_id} · position {phone.position}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="users-title" className="rounded-md border border-slate-300 bg-white p-4">
        <h2 id="users-title" className="font-semibold">Users</h2>
        <ul className="mt-2 space-y-1 text-sm">
          {directory.users.map((user) => (
            <li key={user.id}>
              {user.name} · {user.email} · {user.role}
              {user.active ? "" : " · disabled"}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="groups-title" className="rounded-md border border-slate-300 bg-white p-4">
        <h2 id="groups-title" className="font-semibold">Groups</h2>
        <ul className="mt-2 space-y-1 text-sm">
          {directory.groups.map((group) => (
            <li key={group.id}>
              {group.name}: {group.members.map((id) => directory.users.find((user) => user.id === id)?.name ?? id).join(", ") || "no members"}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

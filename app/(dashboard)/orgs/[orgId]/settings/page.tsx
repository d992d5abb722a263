import { LoadFailure } from "@/components/load-failure";
import { QueryProvider } from "@/components/query-provider";
import { SettingsForm } from "@/components/settings-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { apiFor } from "@/lib/dashboard/api/client";
import { loadDirectory } from "@/lib/dashboard/api/directory";
import { sectionOf } from "@/lib/dashboard/api/sections";
import { canPerform } from "@/lib/dashboard/session/access";
import { requireOrg } from "@/lib/dashboard/session/person";
import { formatPhoneNumber, groupStrategyHelp, groupStrategyLabel, historyVisibilityLabel } from "@/lib/dashboard/ui/format";
import { activeMembers, userName } from "@/lib/dashboard/ui/names";

export const metadata = { title: "Settings · Switchboard" };

function ReadOnly({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="space-y-0.5">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="text-sm">{children}</dd>
    </div>
  );
}

export default async function SettingsPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const person = await requireOrg(orgId);
  const [config, directory] = await Promise.all([apiFor(person)("getConfig", { params: { orgId } }), loadDirectory(person, orgId)]);
  const editable = canPerform(person, "org.configure");
  return (
    <div className="space-y-5">
      <h1 className="text-xl font-semibold">Settings</h1>
      {directory.missing ? <LoadFailure section={{ state: "missing" }} what="the org's WABAs, users and groups" /> : null}
      <Tabs defaultValue="rules">
        <TabsList aria-label="Settings">
          <TabsTrigger value="rules">Chatroom rules</TabsTrigger>
          <TabsTrigger value="phones">WABAs and phones</TabsTrigger>
          <TabsTrigger value="people">Users and groups</TabsTrigger>
        </TabsList>
        <TabsContent value="rules">
          <Card className="max-w-3xl">
            <CardContent className="py-4">
              {!config.ok ? (
                <LoadFailure section={sectionOf(config)} what="the org's settings" />
              ) : editable ? (
                <QueryProvider>
                  <SettingsForm orgId={orgId} config={config.data} />
                </QueryProvider>
              ) : (
                <dl className="grid gap-4 sm:grid-cols-2" data-testid="settings-read-only">
                  <ReadOnly label="Inactivity">{config.data.inactivity_days} days without a message from the lead</ReadOnly>
                  <ReadOnly label="Expiry">{config.data.expiry_days} days after creation</ReadOnly>
                  <ReadOnly label="Default history visibility">{historyVisibilityLabel[config.data.history_visibility]}</ReadOnly>
                  <ReadOnly label="Group strategy">
                    {groupStrategyLabel[config.data.group_strategy]}: {groupStrategyHelp[config.data.group_strategy]}
                  </ReadOnly>
                </dl>
              )}
            </CardContent>
          </Card>
        </TabsContent>
        <TabsContent value="phones" className="grid gap-4 md:grid-cols-2">
          {directory.wabas.map((waba) => (
            <Card key={waba.remote_waba_id}>
              <CardHeader>
                <CardTitle>{waba.name}</CardTitle>
                <span className="text-xs text-muted-foreground">{waba.matrix_host_name}</span>
              </CardHeader>
              <CardContent>
                <ol className="space-y-1.5 text-sm">
                  {waba.phones.map((phone, index) => (
                    <li key={phone.remote_phone_id} className="flex items-center justify-between">
                      <span>{formatPhoneNumber(phone.display_phone_number)}</span>
                      {index === 0 ? <Badge>First choice</Badge> : null}
                    </li>
                  ))}
                </ol>
              </CardContent>
            </Card>
          ))}
        </TabsContent>
        <TabsContent value="people" className="grid gap-4 md:grid-cols-2">
          <Card>
            <CardHeader>
              <CardTitle>Users</CardTitle>
            </CardHeader>
            <CardContent>
              <ul className="divide-y divide-border text-sm">
                {directory.users.map((user) => (
                  <li key={user.id} className="flex items-center justify-between gap-3 py-2">
                    <span>
                      <span className="font-medium">{user.name}</span> <span className="text-muted-foreground">{user.email}</span>
                    </span>
                    <span className="flex gap-1.5">
                      <Badge>{user.role === "ADMIN" ? "Admin" : "Agent"}</Badge>
                      {user.active ? null : <Badge tone="danger">Disabled</Badge>}
                    </span>
                  </li>
                ))}
              </ul>
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Groups</CardTitle>
            </CardHeader>
            <CardContent>
              <ul className="divide-y divide-border text-sm">
                {directory.groups.map((group) => {
                  const active = activeMembers(directory, group).length;
                  return (
                    <li key={group.id} className="space-y-0.5 py-2">
                      <p className="flex items-center justify-between gap-2">
                        <span className="font-medium">{group.name}</span>
                        <Badge tone={active === 0 ? "warning" : "neutral"}>
                          {active} active member{active === 1 ? "" : "s"}
                        </Badge>
                      </p>
                      <p className="text-muted-foreground">{group.members.map((id) => userName(directory, id)).join(", ") || "No members: chatrooms cannot be given to this group."}</p>
                    </li>
                  );
                })}
              </ul>
            </CardContent>
          </Card>
        </TabsContent>
      </Tabs>
    </div>
  );
}

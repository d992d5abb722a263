import { notFound } from "next/navigation";
import { CreateChatroomForm } from "@/components/create-chatroom-form";
import { LoadFailure } from "@/components/load-failure";
import { QueryProvider } from "@/components/query-provider";
import { loadContact } from "@/lib/dashboard/api/contact-view";
import { dashboardNow, loadDirectory } from "@/lib/dashboard/api/directory";
import { canPerform, requiresNote } from "@/lib/dashboard/session/access";
import { requireOrg } from "@/lib/dashboard/session/person";

export const metadata = { title: "New chatroom · Switchboard" };

export default async function NewChatroomPage({
  params,
  searchParams,
}: {
  params: Promise<{ orgId: string }>;
  searchParams: Promise<{ contact?: string | string[] }>;
}) {
  const { orgId } = await params;
  const person = await requireOrg(orgId);
  if (!canPerform(person, "chatroom.create", { force: true })) notFound();
  const { contact } = await searchParams;
  const [directory, initialContact] = await Promise.all([
    loadDirectory(person, orgId),
    typeof contact === "string" ? loadContact(person, orgId, contact.slice(0, 128)) : Promise.resolve(null),
  ]);
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <div>
        <h1 className="text-xl font-semibold">New chatroom</h1>
        <p className="text-sm text-muted-foreground">Connect a contact with one of the org&apos;s WABA phones, and say who looks after it.</p>
      </div>
      {directory.missing ? <LoadFailure section={{ state: "missing" }} what="the org's WABAs, users and groups (the form lists no choices)" /> : null}
      <QueryProvider>
        <CreateChatroomForm
        orgId={orgId}
        directory={{ users: directory.users, groups: directory.groups, wabas: directory.wabas }}
        now={dashboardNow()}
        initialContact={initialContact}
        forceOnly={!canPerform(person, "chatroom.create", { force: false })}
        noteRequired={requiresNote(person)}
        />
      </QueryProvider>
    </div>
  );
}

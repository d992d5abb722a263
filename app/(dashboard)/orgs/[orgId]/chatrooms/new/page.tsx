import { notFound } from "next/navigation";
import { CreateChatroomForm } from "@/components/create-chatroom-form";
import { ExtensionMissing } from "@/components/ui";
import { canPerform, requiresNote } from "@/lib/dashboard/session/access";
import { loadContact, loadDirectory } from "@/lib/dashboard/api/views";
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
    typeof contact === "string" ? loadContact(person, orgId, contact) : Promise.resolve(null),
  ]);
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">New chatroom</h1>
      {directory.missing ? <ExtensionMissing what="the org's WABAs, users and groups (the form lists no choices)" /> : null}
      <CreateChatroomForm
        orgId={orgId}
        users={directory.users}
        groups={directory.groups}
        wabas={directory.wabas}
        initialContact={initialContact}
        forceOnly={!canPerform(person, "chatroom.create", { force: false })}
        noteRequired={requiresNote(person)}
      />
    </div>
  );
}

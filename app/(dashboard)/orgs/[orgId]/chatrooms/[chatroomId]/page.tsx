import { notFound } from "next/navigation";
import { ChatroomView } from "@/components/chatroom-view";
import { ExtensionMissing } from "@/components/ui";
import { canPerform, requiresNote } from "@/lib/dashboard/session/access";
import { dashboardNow } from "@/lib/dashboard/api/views";
import { loadChatroomView, loadDirectory } from "@/lib/dashboard/api/views";
import { requireOrg } from "@/lib/dashboard/session/person";

export const metadata = { title: "Chatroom · Switchboard" };

export default async function ChatroomPage({ params }: { params: Promise<{ orgId: string; chatroomId: string }> }) {
  const { orgId, chatroomId } = await params;
  const person = await requireOrg(orgId);
  const [view, directory] = await Promise.all([loadChatroomView(person, orgId, chatroomId), loadDirectory(person, orgId)]);
  if (view === "not_found") notFound();
  if (view === "missing") return <ExtensionMissing what="chatroom details" />;
  return (
    <ChatroomView
      orgId={orgId}
      initial={{ ...view, now: dashboardNow() }}
      users={directory.users}
      groups={directory.groups}
      canCreate={canPerform(person, "chatroom.create", { force: true })}
      permissions={{
        reassign: canPerform(person, "chatroom.reassign"),
        deactivate: canPerform(person, "chatroom.deactivate"),
        activate: canPerform(person, "chatroom.activate", { force: true }),
        activateForceOnly: !canPerform(person, "chatroom.activate", { force: false }),
        noteRequired: requiresNote(person),
      }}
    />
  );
}

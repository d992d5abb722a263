import { notFound } from "next/navigation";
import { ChatroomView } from "@/components/chatroom-view";
import { LoadFailure } from "@/components/load-failure";
import { QueryProvider } from "@/components/query-provider";
import { loadChatroomView } from "@/lib/dashboard/api/chatroom-view";
import { loadDirectory } from "@/lib/dashboard/api/directory";
import { canPerform, requiresNote } from "@/lib/dashboard/session/access";
import { requireOrg } from "@/lib/dashboard/session/person";

export const metadata = { title: "Chatroom · Switchboard" };

export default async function ChatroomPage({ params }: { params: Promise<{ orgId: string; chatroomId: string }> }) {
  const { orgId, chatroomId } = await params;
  const person = await requireOrg(orgId);
  const [view, directory] = await Promise.all([loadChatroomView(person, orgId, chatroomId), loadDirectory(person, orgId)]);
  if (view === "not_found") notFound();
  if (view === "missing") return <LoadFailure section={{ state: "missing" }} what="chatroom details" />;
  return (
    <QueryProvider>
      <ChatroomView
      orgId={orgId}
      initial={view}
      directory={{ users: directory.users, groups: directory.groups, wabas: directory.wabas }}
      canCreate={canPerform(person, "chatroom.create", { force: true })}
      permissions={{
        reassign: canPerform(person, "chatroom.reassign"),
        deactivate: canPerform(person, "chatroom.deactivate"),
        activate: canPerform(person, "chatroom.activate", { force: true }),
        activateForceOnly: !canPerform(person, "chatroom.activate", { force: false }),
        noteRequired: requiresNote(person),
      }}
      />
    </QueryProvider>
  );
}

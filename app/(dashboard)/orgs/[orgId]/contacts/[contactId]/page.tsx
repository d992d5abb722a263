import { Inbox, Plus } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ChatroomActions } from "@/components/chatroom-actions";
import { IdDetails } from "@/components/id-details";
import { LiveRefresh } from "@/components/live-refresh";
import { LoadFailure } from "@/components/load-failure";
import { QueryProvider } from "@/components/query-provider";
import { RelativeTime } from "@/components/relative-time";
import { StatusBadge } from "@/components/status-badge";
import { buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { apiFor } from "@/lib/dashboard/api/client";
import { loadContact } from "@/lib/dashboard/api/contact-view";
import { dashboardNow, loadDirectory } from "@/lib/dashboard/api/directory";
import { sectionOf } from "@/lib/dashboard/api/sections";
import { canPerform, requiresNote } from "@/lib/dashboard/session/access";
import { requireOrg } from "@/lib/dashboard/session/person";
import { formatPhoneNumber } from "@/lib/dashboard/ui/format";
import { assigneeLabel, contactName, phoneLabel } from "@/lib/dashboard/ui/names";
import { chatroomPath, newChatroomPath } from "@/lib/dashboard/ui/paths";

export const metadata = { title: "Contact · Switchboard" };

/** The contact and all its chatrooms, newest first, with the actions on each; a contact without any says so. */
export default async function ContactPage({ params }: { params: Promise<{ orgId: string; contactId: string }> }) {
  const { orgId, contactId } = await params;
  const person = await requireOrg(orgId);
  const [contact, rooms, directory] = await Promise.all([
    loadContact(person, orgId, contactId),
    apiFor(person)("listChatrooms", { params: { orgId }, query: { contact_id: contactId, sort: "created", limit: 200 } }),
    loadDirectory(person, orgId),
  ]);
  if (!contact) notFound();
  const now = dashboardNow();
  const canCreate = canPerform(person, "chatroom.create", { force: true });
  const permissions = {
    reassign: canPerform(person, "chatroom.reassign"),
    deactivate: canPerform(person, "chatroom.deactivate"),
    activate: canPerform(person, "chatroom.activate", { force: true }),
    activateForceOnly: !canPerform(person, "chatroom.activate", { force: false }),
    noteRequired: requiresNote(person),
  };
  const dir = { users: directory.users, groups: directory.groups, wabas: directory.wabas };
  const newButton = canCreate ? (
    <Link href={newChatroomPath(orgId, contactId)} className={buttonVariants()}>
      <Plus aria-hidden="true" /> New chatroom for this contact
    </Link>
  ) : null;
  return (
    <QueryProvider>
    <div className="space-y-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">{contactName(contact)}</h1>
          <p className="text-sm text-muted-foreground">
            {contact.crm_id} · {formatPhoneNumber(contact.phone_number)}
          </p>
          <LiveRefresh orgId={orgId} watch={{ kind: "contact", contactId: contact.id }} className="mt-1" />
        </div>
        {newButton}
      </div>
      <IdDetails items={[{ label: "Contact id", value: contact.id }]} />
      <h2 className="text-base font-semibold">Chatrooms, newest first</h2>
      {!rooms.ok ? (
        <LoadFailure section={sectionOf(rooms)} what="a list of a contact's chatrooms" />
      ) : rooms.data.items.length === 0 ? (
        <EmptyState icon={Inbox} title="This contact has no chatroom yet." action={newButton}>
          {canCreate ? "Create one to start talking with them on one of the org's WABA phones." : "An admin can create one."}
        </EmptyState>
      ) : (
        <ol className="space-y-3">
          {rooms.data.items.map((room) => (
            <li key={room.chatroom_id} data-testid="contact-chatroom" data-chatroom-id={room.chatroom_id} data-status={room.status}>
              <Card className="space-y-3 p-4">
                <div className="flex flex-wrap items-center justify-between gap-3">
                  <div className="flex flex-wrap items-center gap-3">
                    <Link href={chatroomPath(orgId, room.chatroom_id)} className="font-medium text-link underline underline-offset-2 hover:decoration-2">
                      Chatroom on {phoneLabel(dir, room.remote_phone_id)}
                    </Link>
                    <StatusBadge status={room.status} reason={room.deactivation_reason} pending={room.pending_assignment !== null && room.status === "active"} />
                  </div>
                  <ChatroomActions orgId={orgId} room={room} directory={dir} permissions={permissions} now={now} />
                </div>
                <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-4">
                  <div>
                    <dt className="text-xs text-muted-foreground">Assignee</dt>
                    <dd>{assigneeLabel(dir, room)}</dd>
                  </div>
                  <div>
                    <dt className="text-xs text-muted-foreground">Created</dt>
                    <dd>
                      <RelativeTime at={room.created_at} now={now} />
                    </dd>
                  </div>
                  <div>
                    <dt className="text-xs text-muted-foreground">Last activity</dt>
                    <dd>
                      <RelativeTime at={room.last_activity_at} now={now} />
                    </dd>
                  </div>
                  <div>
                    <dt className="text-xs text-muted-foreground">{room.is_expired ? "Expired" : "Expires"}</dt>
                    <dd>
                      <RelativeTime at={room.expiry_ts} now={now} />
                    </dd>
                  </div>
                </dl>
              </Card>
            </li>
          ))}
        </ol>
      )}
    </div>
    </QueryProvider>
  );
}

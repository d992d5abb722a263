import Link from "next/link";
import { notFound } from "next/navigation";
import { ChatroomActions } from "@/components/chatroom-actions";
import { assigneeLabel, phoneLabel } from "@/components/chatroom-table";
import { ExtensionMissing, RelativeTime, StatusBadge, buttonClass, linkClass } from "@/components/ui";
import { canPerform, requiresNote } from "@/lib/dashboard/session/access";
import { apiFor } from "@/lib/dashboard/api/client";
import { dashboardNow } from "@/lib/dashboard/api/views";
import { chatroomPath, newChatroomPath } from "@/lib/dashboard/ui/paths";
import { loadContact, loadDirectory } from "@/lib/dashboard/api/views";
import { requireOrg } from "@/lib/dashboard/session/person";

export const metadata = { title: "Contact · Switchboard" };

/** The contact and all its chatrooms, newest first, with the actions on each. */
export default async function ContactPage({ params }: { params: Promise<{ orgId: string; contactId: string }> }) {
  const { orgId, contactId } = await params;
  const person = await requireOrg(orgId);
  const [rooms, contact, directory] = await Promise.all([
    apiFor(person).listChatrooms(orgId, { contact_id: contactId, sort: "created", limit: 200 }),
    loadContact(person, orgId, contactId),
    loadDirectory(person, orgId),
  ]);
  if (!rooms.ok && rooms.error.missing) return <ExtensionMissing what="a list of a contact's chatrooms" />;
  if (!rooms.ok) throw new Error(`chatroom API: ${rooms.error.name}`);
  if (rooms.data.items.length === 0 && !contact) notFound();
  const now = dashboardNow();
  const permissions = {
    reassign: canPerform(person, "chatroom.reassign"),
    deactivate: canPerform(person, "chatroom.deactivate"),
    activate: canPerform(person, "chatroom.activate", { force: true }),
    activateForceOnly: !canPerform(person, "chatroom.activate", { force: false }),
    noteRequired: requiresNote(person),
  };
  const first = rooms.data.items[0];
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold">
            {contact ? `${contact.first_name} ${contact.last_name}`.trim() || contact.crm_id : (first?.display_name ?? contactId)}
          </h1>
          <p className="text-sm text-slate-700">
            {contact?.crm_id ?? first?.crm_id} · {contact?.phone_number ?? first?.phone_number} · {contactId}
          </p>
        </div>
        {canPerform(person, "chatroom.create", { force: true }) ? (
          <Link href={newChatroomPath(orgId, contactId)} className={buttonClass}>
            New chatroom for this contact
          </Link>
        ) : null}
      </div>
      <h2 className="text-lg font-semibold">Chatrooms, newest first</h2>
      {rooms.data.items.length === 0 ? (
        <p className="text-sm text-slate-700">This contact has no chatroom yet.</p>
      ) : (
        <ol className="space-y-3">
          {rooms.data.items.map((room) => (
            <li key={room.chatroom_id} className="space-y-3 rounded-md border border-slate-300 bg-white p-4" data-testid="contact-chatroom" data-status={room.status}>
              <div className="flex flex-wrap items-center gap-3">
                <Link href={chatroomPath(orgId, room.chatroom_id)} className={`${linkClass} font-medium`}>
                  {room.chatroom_id}
                </Link>
                <StatusBadge status={room.status} reason={room.deactivation_reason} pending={room.pending_assignment !== null && room.status === "active"} />
              </div>
              <dl className="grid gap-2 text-sm sm:grid-cols-2 lg:grid-cols-5">
                <div><dt className="text-slate-600">WABA phone</dt><dd>{phoneLabel(room.remote_phone_id, directory)}</dd></div>
                <div><dt className="text-slate-600">Assignee</dt><dd>{assigneeLabel(room, directory)}</dd></div>
                <div><dt className="text-slate-600">Created</dt><dd><RelativeTime at={room.created_at} now={now} /></dd></div>
                <div><dt className="text-slate-600">Last activity</dt><dd><RelativeTime at={room.last_activity_at} now={now} /></dd></div>
                <div><dt className="text-slate-600">Expires</dt><dd><RelativeTime at={room.expiry_ts} now={now} /></dd></div>
              </dl>
              <ChatroomActions orgId={orgId} room={room} users={directory.users} groups={directory.groups} permissions={permissions} />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

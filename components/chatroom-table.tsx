import Link from "next/link";
import type { ChatroomDetail, Group, OrgUser, Waba } from "@/lib/dashboard/api/schemas";
import { chatroomPath, contactPath } from "@/lib/dashboard/ui/paths";
import { RelativeTime, StatusBadge } from "./ui";

export interface Directory {
  users: OrgUser[];
  groups: Group[];
  wabas: Waba[];
}

export function assigneeLabel(room: ChatroomDetail, directory: Directory): string {
  const userName = (id: string | null) => directory.users.find((user) => user.id === id)?.name ?? id ?? "—";
  if (room.members.length > 0) return room.members.map((member) => userName(member.user_id)).join(", ");
  if (room.pending_assignment) {
    const pending = room.pending_assignment;
    const target = pending.assign_mode === "USER" ? userName(pending.user_id) : `group ${directory.groups.find((g) => g.id === pending.group_id)?.name ?? pending.group_id}`;
    return `${target} (on handover)`;
  }
  return "nobody";
}

export function phoneLabel(remotePhoneId: string, directory: Directory): string {
  for (const waba of directory.wabas) {
    const phone = waba.phones.find((candidate) => candidate.remote_phone_id === remotePhoneId);
    if (phone) return `${phone.display_phone_number} (${waba.name})`;
  }
  return remotePhoneId;
}

/** The chatrooms table (server-rendered: no JavaScript is sent for it). */
export function ChatroomTable({
  orgId,
  rooms,
  directory,
  now,
  caption,
  showContact = true,
}: {
  orgId: string;
  rooms: ChatroomDetail[];
  directory: Directory;
  now: string;
  caption: string;
  showContact?: boolean;
}) {
  return (
    <div className="overflow-x-auto rounded-md border border-slate-300 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-100 text-left">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">Chatroom</th>
            <th scope="col" className="px-3 py-2 font-medium">Status</th>
            {showContact ? <th scope="col" className="px-3 py-2 font-medium">Contact</th> : null}
            <th scope="col" className="px-3 py-2 font-medium">WABA phone</th>
            <th scope="col" className="px-3 py-2 font-medium">Assignee</th>
            <th scope="col" className="px-3 py-2 font-medium">Last activity</th>
            <th scope="col" className="px-3 py-2 font-medium">Expires</th>
            <th scope="col" className="px-3 py-2 font-medium">Deactivation</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {rooms.map((room) => (
            <tr key={room.chatroom_id} data-testid="chatroom-row" data-chatroom-id={room.chatroom_id} data-status={room.status}>
              <td className="px-3 py-2 align-top">
                <Link href={chatroomPath(orgId, room.chatroom_id)} className="font-medium text-blue-800 underline">
                  {room.display_name || room.chatroom_id}
                </Link>
                <div className="text-xs text-slate-600">{room.chatroom_id}</div>
              </td>
              <td className="px-3 py-2 align-top">
                <StatusBadge status={room.status} reason={room.deactivation_reason} pending={room.pending_assignment !== null && room.status === "active"} />
              </td>
              {showContact ? (
                <td className="px-3 py-2 align-top">
                  <Link href={contactPath(orgId, room.contact_id)} className="text-blue-800 underline">
                    {room.crm_id}
                  </Link>
                  <div className="whitespace-nowrap text-xs text-slate-700">{room.phone_number}</div>
                </td>
              ) : null}
              <td className="px-3 py-2 align-top whitespace-nowrap">{phoneLabel(room.remote_phone_id, directory)}</td>
              <td className="px-3 py-2 align-top">{assigneeLabel(room, directory)}</td>
              <td className="px-3 py-2 align-top">
                <RelativeTime at={room.last_activity_at} now={now} />
              </td>
              <td className="px-3 py-2 align-top">
                <RelativeTime at={room.expiry_ts} now={now} />
              </td>
              <td className="px-3 py-2 align-top">
                <RelativeTime at={room.deactivation_ts} now={now} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

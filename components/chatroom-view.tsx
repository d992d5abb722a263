"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { Group, OrgUser } from "@/lib/dashboard/api/schemas";
import { exactTime, reasonLabel } from "@/lib/dashboard/ui/format";
import { contactPath, newChatroomPath } from "@/lib/dashboard/ui/paths";
import type { ChatroomView as View } from "@/lib/dashboard/api/views";
import { dataPaths, fetchData, queryKeys } from "@/lib/dashboard/ui/query-keys";
import { ChatroomActions, type ChatroomPermissions } from "./chatroom-actions";
import { ExtensionMissing, Notice, RelativeTime, StatusBadge, linkClass } from "./ui";

export type ChatroomViewData = View & { now: string };

/** The chatroom view; refreshed through react-query after every change made from it. */
export function ChatroomView({
  orgId,
  initial,
  users,
  groups,
  permissions,
  canCreate,
}: {
  orgId: string;
  initial: ChatroomViewData;
  users: OrgUser[];
  groups: Group[];
  permissions: ChatroomPermissions;
  canCreate: boolean;
}) {
  const chatroomId = initial.chatroom.chatroom_id;
  const { data } = useQuery({
    queryKey: queryKeys.chatroom(orgId, chatroomId),
    queryFn: () => fetchData<ChatroomViewData>(dataPaths.chatroom(orgId, chatroomId)),
    initialData: initial,
  });
  const { chatroom: room, now } = data;
  const userName = (id: string | null) => users.find((user) => user.id === id)?.name ?? id ?? "—";
  const groupName = (id: string | null) => groups.find((group) => group.id === id)?.name ?? id ?? "—";
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{room.display_name || room.chatroom_id}</h1>
          <p className="mt-1 text-sm text-slate-700">
            {room.chatroom_id} · {room.external_ref_id}
          </p>
          <p className="mt-2">
            <StatusBadge status={room.status} reason={room.deactivation_reason} pending={room.pending_assignment !== null && room.status === "active"} />
          </p>
        </div>
        <div className="flex flex-wrap gap-3 text-sm">
          <Link href={contactPath(orgId, room.contact_id)} className={linkClass}>
            All chatrooms of this contact
          </Link>
          {canCreate && room.status !== "active" ? (
            <Link href={newChatroomPath(orgId, room.contact_id)} className={linkClass}>
              New chatroom for this contact
            </Link>
          ) : null}
        </div>
      </div>

      <ChatroomActions orgId={orgId} room={room} users={users} groups={groups} permissions={permissions} />

      <section aria-labelledby="state-title" className="rounded-md border border-slate-300 bg-white p-4">
        <h2 id="state-title" className="font-semibold">
          State
        </h2>
        <dl className="mt-2 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-3">
          <Item label="Contact">
            {room.crm_id} · {room.phone_number}
          </Item>
          <Item label="WABA phone">
            {room.remote_phone_id} ({room.remote_waba_id})
          </Item>
          <Item label="Created">
            <RelativeTime at={room.created_at} now={now} />
          </Item>
          <Item label="Last activity">
            <RelativeTime at={room.last_activity_at} now={now} />
          </Item>
          <Item label="Expires">
            <RelativeTime at={room.expiry_ts} now={now} /> <span className="text-slate-600">({exactTime(room.expiry_ts)})</span>
          </Item>
          <Item label={room.is_deactivated ? "Deactivated" : "Deactivates after inactivity"}>
            <RelativeTime at={room.deactivation_ts} now={now} /> <span className="text-slate-600">({exactTime(room.deactivation_ts)})</span>
          </Item>
          <Item label="Deactivation reason">{room.deactivation_reason ? (reasonLabel[room.deactivation_reason] ?? room.deactivation_reason) : "—"}</Item>
          <Item label="History visibility">{room.history_visibility === "shared" ? "shared (members see all messages)" : "joined (members see messages since they joined)"}</Item>
          <Item label="Handover">{room.handover_at ? <RelativeTime at={room.handover_at} now={now} /> : "—"}</Item>
          <Item label="Members">
            {room.members.length === 0 ? "nobody" : room.members.map((member) => `${userName(member.user_id)} (since ${exactTime(member.granted_at)})`).join(", ")}
          </Item>
          <Item label="Pending assignment">
            {room.pending_assignment
              ? room.pending_assignment.assign_mode === "USER"
                ? `${userName(room.pending_assignment.user_id)}, when the lead next writes`
                : `a member of ${groupName(room.pending_assignment.group_id)}, picked when the lead next writes`
              : "—"}
          </Item>
        </dl>
      </section>

      <section aria-labelledby="messages-title" className="rounded-md border border-slate-300 bg-white p-4">
        <h2 id="messages-title" className="font-semibold">
          Messages
        </h2>
        <div className="mt-2">
          {data.messages.state === "missing" ? (
            <ExtensionMissing what="messages" />
          ) : data.messages.state === "error" ? (
            <Notice tone="error" title="Messages could not be loaded.">
              {data.messages.description}
            </Notice>
          ) : data.messages.data.length === 0 ? (
            <p className="text-sm text-slate-700">No messages yet. Messages from the lead arrive through the WhatsApp webhook.</p>
          ) : (
            <ol className="space-y-2 text-sm">
              {data.messages.data.map((message) => (
                <li key={message.message_id} className={`rounded p-2 ${message.direction === "inbound" ? "bg-slate-100" : "bg-blue-50"}`}>
                  <span className="font-medium">{message.direction === "inbound" ? "Lead" : message.sender.type === "user" ? "Agent" : message.sender.type}</span>{" "}
                  <RelativeTime at={message.received_at} now={now} />
                  <p className="mt-1 whitespace-pre-wrap">{message.text ?? `(${message.type ?? "message"})`}</p>
                </li>
              ))}
            </ol>
          )}
        </div>
      </section>

      <section aria-labelledby="timeline-title" className="rounded-md border border-slate-300 bg-white p-4">
        <h2 id="timeline-title" className="font-semibold">
          Timeline
        </h2>
        {data.audit.state === "missing" ? (
          <div className="mt-2">
            <ExtensionMissing what="an audit log (the timeline shows only what was done through this dashboard)" />
          </div>
        ) : data.audit.state === "admins_only" ? (
          <p className="mt-2 text-sm text-slate-700" data-testid="history-admins-only">
            The change history is shown to admins.
          </p>
        ) : null}
        {data.audit.state === "admins_only" ? null : data.timeline.length === 0 ? (
          <p className="mt-2 text-sm text-slate-700">Nothing has happened to this chatroom yet.</p>
        ) : (
          <ol className="mt-2 space-y-2 text-sm" data-testid="timeline">
            {data.timeline.map((entry) => (
              <li key={entry.id} className="border-l-2 border-slate-300 pl-3" data-source={entry.source}>
                <p>
                  <span className="font-medium">{entry.action}</span> · {entry.who} · <RelativeTime at={entry.at} now={now} />{" "}
                  <span className="text-xs text-slate-600">({entry.source === "api" ? "API audit" : "dashboard record"})</span>
                </p>
                {entry.detail ? <p className="break-words text-slate-700">{entry.detail}</p> : null}
                {entry.note ? <p className="text-slate-700">Note: {entry.note}</p> : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-slate-600">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

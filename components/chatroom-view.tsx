"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft, ChevronRight, History, MessageSquare, Plus } from "lucide-react";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import type { ChatroomView as View } from "@/lib/dashboard/api/chatroom-view";
import type { Message } from "@/lib/dashboard/api/schemas";
import { formatPhoneNumber, historyVisibilityLabel, reasonLabel } from "@/lib/dashboard/ui/format";
import { groupName, phoneLabel, roomContactName, userName, type Directory } from "@/lib/dashboard/ui/names";
import { chatroomsPath, contactPath, newChatroomPath } from "@/lib/dashboard/ui/paths";
import { concerns } from "@/lib/dashboard/ui/live";
import { dataPaths, fetchData, queryKeys } from "@/lib/dashboard/ui/query-keys";
import type { TimelineEntry } from "@/lib/dashboard/ui/timeline";
import { ChatroomActions, type ChatroomPermissions } from "./chatroom-actions";
import { LiveStatus } from "./live-status";
import { useOrgEvents } from "./use-org-events";
import { IdDetails } from "./id-details";
import { LoadFailure } from "./load-failure";
import { RelativeTime } from "./relative-time";
import { StatusBadge } from "./status-badge";
import { buttonVariants } from "./ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "./ui/card";
import { cn } from "./ui/cn";
import { EmptyState } from "./ui/empty-state";

function senderName(message: Message, directory: Directory, leadName: string): string {
  if (message.direction === "inbound") return leadName;
  if (message.sender.type === "user") return userName(directory, message.sender.id);
  if (message.sender.type === "partner") return "A partner";
  return "Switchboard";
}

/** The messages as a conversation: the lead's on the left, the team's on the right, long text wrapping. */
function Conversation({ messages, directory, leadName, now }: { messages: Message[]; directory: Directory; leadName: string; now: string }) {
  return (
    <ol className="space-y-3" aria-label="Messages, oldest first" data-testid="conversation">
      {messages.map((message) => {
        const inbound = message.direction === "inbound";
        return (
          <li key={message.message_id} className={cn("flex min-w-0", inbound ? "justify-start" : "justify-end")} data-direction={message.direction}>
            <div className={cn("max-w-[85%] min-w-0 space-y-1 sm:max-w-[75%]", !inbound && "text-right")}>
              <p className="text-xs text-muted-foreground">
                <span className="font-medium text-foreground">{senderName(message, directory, leadName)}</span> · <RelativeTime at={message.received_at} now={now} />
              </p>
              <p
                className={cn(
                  "rounded-2xl px-3 py-2 text-left text-sm whitespace-pre-wrap [overflow-wrap:anywhere]",
                  inbound ? "rounded-tl-sm bg-bubble-in" : "rounded-tr-sm bg-bubble-out",
                )}
              >
                {message.text ?? <span className="text-muted-foreground italic">A {message.type} message without text</span>}
              </p>
            </div>
          </li>
        );
      })}
    </ol>
  );
}

function Timeline({ entries, now }: { entries: TimelineEntry[]; now: string }) {
  return (
    <ol className="space-y-4" data-testid="timeline">
      {entries.map((entry) => (
        <li key={entry.id} className="relative pl-5" data-refused={entry.refused ? "true" : undefined}>
          <span
            aria-hidden="true"
            className={cn("absolute top-1.5 left-0 size-2 rounded-full", entry.refused ? "bg-danger" : entry.system ? "bg-border-strong" : "bg-primary")}
          />
          <p className="text-sm [overflow-wrap:anywhere]">{entry.sentence}</p>
          <p className="text-xs text-muted-foreground">
            <RelativeTime at={entry.at} now={now} />
          </p>
          {entry.note ? <p className="mt-1 rounded-md bg-surface-muted px-2 py-1 text-sm [overflow-wrap:anywhere]">Note: {entry.note}</p> : null}
          {entry.changes.length > 0 ? (
            <details className="group mt-1 text-xs">
              <summary className="inline-flex cursor-pointer list-none items-center gap-1 text-muted-foreground hover:text-foreground [&::-webkit-details-marker]:hidden">
                <ChevronRight aria-hidden="true" className="size-3.5 transition-transform group-open:rotate-90" />
                {entry.changes.length} change{entry.changes.length === 1 ? "" : "s"}
              </summary>
              <ul className="mt-1 space-y-0.5 pl-4">
                {entry.changes.map((change) => (
                  <li key={change.label} className="[overflow-wrap:anywhere]">
                    <span className="text-muted-foreground">{change.label}:</span> {change.before} → {change.after}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex justify-between gap-3 py-1.5">
      <dt className="shrink-0 text-muted-foreground">{label}</dt>
      <dd className="min-w-0 text-right [overflow-wrap:anywhere]">{children}</dd>
    </div>
  );
}

/** The chatroom view; refreshed through react-query after every change made from it. */
export function ChatroomView({
  orgId,
  initial,
  directory,
  permissions,
  canCreate,
}: {
  orgId: string;
  initial: View;
  directory: Directory;
  permissions: ChatroomPermissions;
  canCreate: boolean;
}) {
  const chatroomId = initial.chatroom.chatroom_id;
  const { data } = useQuery({
    queryKey: queryKeys.chatroom(orgId, chatroomId),
    queryFn: () => fetchData<View>(dataPaths.chatroom(orgId, chatroomId)),
    initialData: initial,
  });
  const queryClient = useQueryClient();
  // The facts glow for a moment after a live update brought a change in.
  const [glowing, setGlowing] = useState(false);
  const glowTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(glowTimer.current), []);
  const reload = async () => {
    await queryClient.invalidateQueries({ queryKey: queryKeys.chatroom(orgId, chatroomId) });
    setGlowing(true);
    clearTimeout(glowTimer.current);
    glowTimer.current = setTimeout(() => setGlowing(false), 2_500);
  };
  const live = useOrgEvents(orgId, {
    onEvent: (event) => {
      if (concerns({ kind: "chatroom", chatroomId }, event)) void reload();
    },
    onResume: () => void reload(),
  });
  const { chatroom: room, now } = data;
  const leadName = roomContactName(room);
  const pending = room.pending_assignment;
  return (
    <div className="space-y-5">
      <div className="space-y-3">
        <Link href={chatroomsPath(orgId)} className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
          <ArrowLeft aria-hidden="true" className="size-4" /> Chatrooms
        </Link>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0 space-y-1">
            <div className="flex flex-wrap items-center gap-2.5">
              <h1 className="text-xl font-semibold [overflow-wrap:anywhere]">{leadName}</h1>
              <StatusBadge status={room.status} reason={room.deactivation_reason} pending={pending !== null && room.status === "active"} />
            </div>
            <p className="text-sm text-muted-foreground">
              <Link href={contactPath(orgId, room.contact_id)} className="text-link underline underline-offset-2 hover:decoration-2">
                {room.crm_id}
              </Link>{" "}
              · {formatPhoneNumber(room.phone_number)} · on {phoneLabel(directory, room.remote_phone_id)}
            </p>
            <LiveStatus state={live} />
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <ChatroomActions orgId={orgId} room={room} directory={directory} permissions={permissions} now={now} />
            {canCreate && room.status !== "active" ? (
              <Link href={newChatroomPath(orgId, room.contact_id)} className={buttonVariants({ variant: "secondary" })}>
                <Plus aria-hidden="true" /> New chatroom for this contact
              </Link>
            ) : null}
          </div>
        </div>
      </div>

      <div className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <Card aria-labelledby="messages-title" className="min-w-0">
          <CardHeader>
            <CardTitle id="messages-title">Conversation</CardTitle>
          </CardHeader>
          <CardContent>
            {data.messages.state !== "ok" ? (
              <LoadFailure section={data.messages} what="messages" />
            ) : data.messages.data.length === 0 ? (
              <EmptyState icon={MessageSquare} title="No messages yet" className="border-0">
                The lead&apos;s messages arrive here through the WhatsApp webhook; the team&apos;s replies appear beside them.
              </EmptyState>
            ) : (
              <Conversation messages={data.messages.data} directory={directory} leadName={leadName} now={now} />
            )}
          </CardContent>
        </Card>

        <div className="min-w-0 space-y-5">
          <Card aria-labelledby="state-title" data-live-changed={glowing ? "true" : undefined}>
            <CardHeader>
              <CardTitle id="state-title">About this chatroom</CardTitle>
            </CardHeader>
            <CardContent>
              <dl className="divide-y divide-border text-sm">
                <Fact label="Assignee">
                  {room.members.length === 0
                    ? "Nobody"
                    : room.members.map((member) => (
                        <span key={member.user_id} className="block">
                          {userName(directory, member.user_id)}{" "}
                          <span className="text-xs text-muted-foreground">
                            since <RelativeTime at={member.granted_at} now={now} />
                          </span>
                        </span>
                      ))}
                </Fact>
                <Fact label="Pending handover">
                  {pending
                    ? pending.assign_mode === "USER"
                      ? `${userName(directory, pending.user_id)}, when the lead next writes`
                      : `A member of ${groupName(directory, pending.group_id)}, picked when the lead next writes`
                    : "None"}
                </Fact>
                <Fact label="Created">
                  <RelativeTime at={room.created_at} now={now} />
                </Fact>
                <Fact label="Last activity">
                  <RelativeTime at={room.last_activity_at} now={now} />
                </Fact>
                <Fact label={room.is_expired ? "Expired" : "Expires"}>
                  <RelativeTime at={room.expiry_ts} now={now} />
                </Fact>
                <Fact label={room.is_deactivated ? "Deactivated" : "Deactivates if idle"}>
                  <RelativeTime at={room.deactivation_ts} now={now} />
                </Fact>
                {room.deactivation_reason ? <Fact label="Reason">{reasonLabel[room.deactivation_reason] ?? "Other"}</Fact> : null}
                <Fact label="History">{historyVisibilityLabel[room.history_visibility]}</Fact>
                {room.handover_at ? (
                  <Fact label="Handed over">
                    <RelativeTime at={room.handover_at} now={now} />
                  </Fact>
                ) : null}
              </dl>
            </CardContent>
          </Card>
          <IdDetails
            items={[
              { label: "Chatroom id", value: room.chatroom_id },
              { label: "Matrix room", value: room.external_ref_id },
              { label: "Contact id", value: room.contact_id },
              { label: "WABA phone id", value: room.remote_phone_id },
              { label: "WABA id", value: room.remote_waba_id },
            ]}
          />
          <Card aria-labelledby="timeline-title">
            <CardHeader>
              <CardTitle id="timeline-title">Timeline</CardTitle>
            </CardHeader>
            <CardContent className="space-y-3">
              {data.auditMissing ? (
                <LoadFailure section={{ state: "missing" }} what="an audit log (the timeline shows only what was done through this dashboard)" />
              ) : null}
              {data.timeline.state === "forbidden" ? (
                <p className="text-sm text-muted-foreground" data-testid="history-admins-only">
                  The change history is shown to admins.
                </p>
              ) : data.timeline.state !== "ok" ? (
                <LoadFailure section={data.timeline} what="this chatroom's timeline" />
              ) : data.timeline.data.length === 0 ? (
                <EmptyState icon={History} title="Nothing has happened yet" className="border-0 py-6" />
              ) : (
                <Timeline entries={data.timeline.data} now={now} />
              )}
            </CardContent>
          </Card>
        </div>
      </div>
    </div>
  );
}

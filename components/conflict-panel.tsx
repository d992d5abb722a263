"use client";

import Link from "next/link";
import type { ConflictEntry } from "@/lib/dashboard/api/schemas";
import { formatPhoneNumber } from "@/lib/dashboard/ui/format";
import { explain } from "@/lib/dashboard/ui/messages";
import { assigneeLabel, phoneLabel, type Directory } from "@/lib/dashboard/ui/names";
import { chatroomPath } from "@/lib/dashboard/ui/paths";
import { RelativeTime } from "./relative-time";
import { StatusBadge } from "./status-badge";
import { Button } from "./ui/button";

export interface WayOut {
  label: string;
  explanation: string;
  run: () => void;
}

/**
 * A 409 with its conflicting chatrooms and the ways out, each one click away. The chatrooms are a list of
 * cards, not a table, so that nothing is cut off however narrow the form is.
 */
export function ConflictPanel({
  orgId,
  name,
  conflicts,
  ways,
  directory,
  now,
  pending,
}: {
  orgId: string;
  name: string;
  conflicts: ConflictEntry[];
  ways: WayOut[];
  directory: Directory;
  now: string;
  pending: boolean;
}) {
  const { title, hint } = explain(name);
  return (
    <section aria-labelledby="conflict-title" data-testid="conflict-panel" className="space-y-4 rounded-lg border border-warning-border bg-warning-soft p-4">
      <div>
        <h2 id="conflict-title" className="text-base font-semibold">
          {title}
        </h2>
        <p className="text-sm">{hint}</p>
      </div>
      {conflicts.length > 0 ? (
        <ul className="space-y-2" aria-label="Chatrooms in the way">
          {conflicts.map((room) => (
            <li key={room.chatroom_id} data-testid="conflict-row" data-chatroom-id={room.chatroom_id} className="rounded-md border border-border bg-surface p-3 text-sm">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <Link href={chatroomPath(orgId, room.chatroom_id)} className="font-medium text-link underline underline-offset-2 hover:decoration-2">
                  {room.crm_id} · {formatPhoneNumber(room.phone_number)}
                </Link>
                <StatusBadge status={room.status} />
              </div>
              <dl className="mt-2 grid gap-x-4 gap-y-1 text-xs sm:grid-cols-3">
                <div>
                  <dt className="text-muted-foreground">WABA phone</dt>
                  <dd>{phoneLabel(directory, room.remote_phone_id)}</dd>
                </div>
                <div>
                  <dt className="text-muted-foreground">Assignee</dt>
                  <dd>{assigneeLabel(directory, { members: room.assignee_user_id ? [{ user_id: room.assignee_user_id, granted_at: "" }] : [], pending_assignment: room.pending_assignment })}</dd>
                </div>
                <div>
                  <dt className="text-muted-foreground">Last activity</dt>
                  <dd>
                    <RelativeTime at={room.last_activity_at} now={now} />
                  </dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      ) : null}
      {ways.length > 0 ? (
        <div>
          <h3 className="text-sm font-semibold">Ways out</h3>
          <ul className="mt-2 space-y-2">
            {ways.map((way, index) => (
              <li key={way.label} className="flex flex-col gap-1 sm:flex-row sm:items-center sm:gap-3">
                <Button onClick={way.run} disabled={pending} variant={index === 0 ? "primary" : "secondary"}>
                  {way.label}
                </Button>
                <span className="text-sm">{way.explanation}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

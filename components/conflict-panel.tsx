"use client";

import Link from "next/link";
import type { ConflictEntry } from "@/lib/dashboard/api/schemas";
import { exactTime } from "@/lib/dashboard/ui/format";
import { chatroomPath } from "@/lib/dashboard/ui/paths";
import { buttonClass, secondaryButtonClass } from "./ui";

export interface WayOut {
  label: string;
  explanation: string;
  run: () => void;
}

const titles: Record<string, string> = {
  CHATROOM_EXISTS_FOR_PHONE: "Another contact already has an active chatroom for this phone number",
  NO_WABA_PHONE_AVAILABLE: "Every WABA phone already has an active chatroom for this number",
  LEAD_HAS_ACTIVE_CHATROOM: "This contact already has an active chatroom on another WABA phone",
  ACTIVE_CHATROOM_EXISTS: "An active chatroom already exists for this phone number or contact",
};

/** A 409 with its conflicting chatrooms and the ways out, each one click away. */
export function ConflictPanel({
  orgId,
  name,
  description,
  conflicts,
  ways,
  userName,
  pending,
}: {
  orgId: string;
  name: string;
  description: string;
  conflicts: ConflictEntry[];
  ways: WayOut[];
  userName: (id: string | null) => string;
  pending: boolean;
}) {
  return (
    <section aria-labelledby="conflict-title" data-testid="conflict-panel" className="rounded-md border-2 border-amber-500 bg-amber-50 p-4" tabIndex={-1}>
      <h2 id="conflict-title" className="font-semibold">
        Conflict: {titles[name] ?? name}
      </h2>
      <p className="mt-1 text-sm text-slate-800">{description}</p>
      {conflicts.length > 0 ? (
        <div className="mt-3 overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Conflicting chatrooms</caption>
            <thead className="text-left">
              <tr>
                <th scope="col" className="pr-3">Chatroom</th>
                <th scope="col" className="pr-3">Contact</th>
                <th scope="col" className="pr-3">Phone</th>
                <th scope="col" className="pr-3">WABA phone</th>
                <th scope="col" className="pr-3">Assignee</th>
                <th scope="col" className="pr-3">Last activity</th>
              </tr>
            </thead>
            <tbody>
              {conflicts.map((room) => (
                <tr key={room.chatroom_id} data-testid="conflict-row">
                  <td className="py-1 pr-3">
                    <Link href={chatroomPath(orgId, room.chatroom_id)} className="text-blue-800 underline">
                      Open {room.chatroom_id}
                    </Link>{" "}
                    <span className="text-xs">({room.status})</span>
                  </td>
                  <td className="py-1 pr-3">{room.crm_id}</td>
                  <td className="py-1 pr-3 whitespace-nowrap">{room.phone_number}</td>
                  <td className="py-1 pr-3">{room.remote_phone_id} ({room.remote_waba_id})</td>
                  <td className="py-1 pr-3">{room.assignee_user_id ? userName(room.assignee_user_id) : room.pending_assignment ? "pending handover" : "nobody"}</td>
                  <td className="py-1 pr-3 whitespace-nowrap">{exactTime(room.last_activity_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {ways.length > 0 ? (
        <div className="mt-4">
          <h3 className="text-sm font-medium">Ways out</h3>
          <ul className="mt-2 space-y-2">
            {ways.map((way, index) => (
              <li key={way.label} className="flex flex-col gap-1 sm:flex-row sm:items-center sm:gap-3">
                <button type="button" onClick={way.run} disabled={pending} className={index === 0 ? buttonClass : secondaryButtonClass}>
                  {way.label}
                </button>
                <span className="text-sm text-slate-700">{way.explanation}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

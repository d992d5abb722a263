"use client";

import { Clock, Hourglass, UserX } from "lucide-react";
import type { ChatroomFilters } from "@/lib/dashboard/ui/chatroom-filters";
import { EXPIRING_SOON_HOURS } from "@/lib/dashboard/ui/chatroom-urls";
import { cn } from "./ui/cn";
import { NativeSelect } from "./ui/field";

export interface FilterChoices {
  phones: { value: string; label: string }[];
  users: { value: string; label: string; description?: string }[];
}

export type FilterChange = Partial<ChatroomFilters>;

function Toggle({ pressed, onToggle, icon: Icon, children }: { pressed: boolean; onToggle: () => void; icon: typeof Clock; children: React.ReactNode }) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={onToggle}
      className={cn(
        "inline-flex h-8 items-center gap-1.5 rounded-md border px-2.5 text-sm font-medium whitespace-nowrap",
        pressed ? "border-primary bg-primary text-primary-foreground" : "border-border-strong bg-surface text-foreground hover:bg-surface-hover",
      )}
    >
      <Icon aria-hidden="true" className="size-4" />
      {children}
    </button>
  );
}

/** The table's filters: each change applies at once (through `apply`). */
export function FilterControls({ filters, choices, apply, idPrefix }: { filters: ChatroomFilters; choices: FilterChoices; apply: (change: FilterChange) => void; idPrefix: string }) {
  return (
    <>
      <div className="space-y-1">
        <label htmlFor={`${idPrefix}-status`} className="block text-xs font-medium text-muted-foreground">
          Status
        </label>
        <NativeSelect
          id={`${idPrefix}-status`}
          value={filters.status ?? ""}
          onChange={(event) => apply({ status: (event.target.value || undefined) as ChatroomFilters["status"] })}
          className="w-full md:w-36"
        >
          <option value="">Any status</option>
          <option value="active">Active</option>
          <option value="deactivated">Deactivated</option>
          <option value="expired">Expired</option>
        </NativeSelect>
      </div>
      <div className="space-y-1">
        <label htmlFor={`${idPrefix}-phone`} className="block text-xs font-medium text-muted-foreground">
          WABA phone
        </label>
        <NativeSelect
          id={`${idPrefix}-phone`}
          value={filters.remote_phone_id ?? ""}
          onChange={(event) => apply({ remote_phone_id: event.target.value || undefined })}
          className="w-full md:w-60"
        >
          <option value="">Any phone</option>
          {choices.phones.map((phone) => (
            <option key={phone.value} value={phone.value}>
              {phone.label}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="space-y-1">
        <label htmlFor={`${idPrefix}-assignee`} className="block text-xs font-medium text-muted-foreground">
          Assignee
        </label>
        <NativeSelect
          id={`${idPrefix}-assignee`}
          value={filters.assignee ?? ""}
          onChange={(event) => apply({ assignee: event.target.value || undefined })}
          className="w-full md:w-44"
        >
          <option value="">Anyone</option>
          {choices.users.map((user) => (
            <option key={user.value} value={user.value}>
              {user.label}
              {user.description ? ` (${user.description.toLowerCase()})` : ""}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="flex flex-wrap items-end gap-2">
        <Toggle pressed={filters.pending_handover === true} onToggle={() => apply({ pending_handover: filters.pending_handover ? undefined : true })} icon={Hourglass}>
          Pending handover
        </Toggle>
        <Toggle pressed={filters.unassigned === true} onToggle={() => apply({ unassigned: filters.unassigned ? undefined : true })} icon={UserX}>
          Unassigned
        </Toggle>
        <Toggle
          pressed={filters.expiring_within_hours === EXPIRING_SOON_HOURS}
          onToggle={() => apply({ expiring_within_hours: filters.expiring_within_hours ? undefined : EXPIRING_SOON_HOURS })}
          icon={Clock}
        >
          Expiring within 24 h
        </Toggle>
      </div>
    </>
  );
}


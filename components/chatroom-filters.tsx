"use client";

import { Clock, Hourglass, ListFilter, Search, UserX, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useRef } from "react";
import { EXPIRING_SOON_HOURS, filtersHref, type ChatroomFilters } from "@/lib/dashboard/ui/chatroom-filters";
import { Button } from "./ui/button";
import { cn } from "./ui/cn";
import { Combobox } from "./ui/combobox";
import { Dialog, DialogContent, DialogTrigger } from "./ui/dialog";
import { Input, NativeSelect } from "./ui/field";
import { useKeyboardShortcut } from "./ui/hooks/use-keyboard-shortcut";
import { useHydrated } from "./use-hydrated";

export interface FilterChoices {
  phones: { value: string; label: string }[];
  users: { value: string; label: string; description?: string }[];
}

type Change = Partial<ChatroomFilters>;

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

function FilterControls({ filters, choices, apply, idPrefix }: { filters: ChatroomFilters; choices: FilterChoices; apply: (change: Change) => void; idPrefix: string }) {
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
        <Combobox
          id={`${idPrefix}-assignee`}
          options={[{ value: "", label: "Anyone" }, ...choices.users]}
          value={filters.assignee ?? ""}
          onChange={(value) => apply({ assignee: value || undefined })}
          placeholder="Anyone"
          searchPlaceholder="Search people…"
          className="w-full md:w-44"
        />
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

/**
 * Search and filters of the chatrooms table. Every change goes to the URL (so a view can be shared) and
 * starts again from the first page; the table itself is rendered on the server.
 */
export function ChatroomFilterBar({ base, filters, choices, activeCount }: { base: string; filters: ChatroomFilters; choices: FilterChoices; activeCount: number }) {
  const router = useRouter();
  const search = useRef<HTMLInputElement>(null);
  useKeyboardShortcut("/", () => search.current?.focus());
  const hydrated = useHydrated();
  const apply = (change: Change) => router.push(filtersHref(base, { ...filters, ...change, cursor: undefined }));
  return (
    <div className="space-y-3" data-testid="chatroom-filters" data-hydrated={hydrated ? "true" : undefined}>
      <div className="flex gap-2">
        <form
          role="search"
          aria-label="Search chatrooms"
          className="relative min-w-0 flex-1"
          onSubmit={(event) => {
            event.preventDefault();
            apply({ q: search.current?.value.trim() || undefined });
          }}
        >
          <Search aria-hidden="true" className="pointer-events-none absolute top-2 left-2.5 size-4 text-muted-foreground" />
          <label htmlFor="filter-q" className="sr-only">
            Search contact
          </label>
          <Input ref={search} id="filter-q" name="q" type="search" defaultValue={filters.q ?? ""} placeholder="Search name, CRM id or phone" className="pr-10 pl-8" />
          <kbd aria-hidden="true" className="absolute top-1.5 right-2 hidden rounded border border-border bg-surface-muted px-1.5 text-xs text-muted-foreground sm:block">
            /
          </kbd>
        </form>
        <Dialog>
          <DialogTrigger asChild>
            <Button variant="secondary" className="md:hidden">
              <ListFilter aria-hidden="true" /> Filters{activeCount > 0 ? ` (${activeCount})` : ""}
            </Button>
          </DialogTrigger>
          <DialogContent title="Filter chatrooms" side="bottom">
            <div className="space-y-3">
              <FilterControls filters={filters} choices={choices} apply={apply} idPrefix="sheet-filter" />
            </div>
          </DialogContent>
        </Dialog>
      </div>
      <div className="hidden flex-wrap items-end gap-3 md:flex" role="group" aria-label="Filters">
        <FilterControls filters={filters} choices={choices} apply={apply} idPrefix="filter" />
        {activeCount > 0 ? (
          <Button variant="ghost" onClick={() => router.push(base)}>
            <X aria-hidden="true" /> Clear filters
          </Button>
        ) : null}
      </div>
    </div>
  );
}

"use client";

import { ListFilter, Search, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useRef } from "react";
import type { ChatroomFilters } from "@/lib/dashboard/ui/chatroom-filters";
import { filtersHref } from "@/lib/dashboard/ui/chatroom-urls";
import { FilterControls, type FilterChange, type FilterChoices } from "./chatroom-filter-controls";
import { Button } from "./ui/button";
import { Input } from "./ui/field";
import { OnIntent } from "./ui/on-intent";
import { useHydrated } from "./use-hydrated";

/**
 * Search and filters of the chatrooms table. Every change goes to the URL (so a view can be shared) and
 * starts again from the first page; the table itself is rendered on the server.
 */
export function ChatroomFilterBar({ base, filters, choices, activeCount }: { base: string; filters: ChatroomFilters; choices: FilterChoices; activeCount: number }) {
  const router = useRouter();
  const search = useRef<HTMLInputElement>(null);
  const hydrated = useHydrated();
  const apply = (change: FilterChange) => router.push(filtersHref(base, { ...filters, ...change, cursor: undefined }));
  const filterButton = (
    <Button variant="secondary" className="md:hidden" aria-haspopup="dialog">
      <ListFilter aria-hidden="true" /> Filters{activeCount > 0 ? ` (${activeCount})` : ""}
    </Button>
  );
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
        <OnIntent
          load={() => import("./menus/filter-sheet")}
          render={({ FilterSheet }, open) => <FilterSheet trigger={filterButton} defaultOpen={open} filters={filters} choices={choices} apply={apply} />}
        >
          {filterButton}
        </OnIntent>
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

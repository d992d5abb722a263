"use client";

import type { ChatroomFilters } from "@/lib/dashboard/ui/chatroom-filters";
import { FilterControls, type FilterChange, type FilterChoices } from "../chatroom-filter-controls";
import { Dialog, DialogContent, DialogTrigger } from "../ui/dialog";

/** The filters in a sheet, for phones; loaded on intent. */
export function FilterSheet({
  trigger,
  defaultOpen,
  filters,
  choices,
  apply,
}: {
  trigger: React.ReactNode;
  defaultOpen: boolean;
  filters: ChatroomFilters;
  choices: FilterChoices;
  apply: (change: FilterChange) => void;
}) {
  return (
    <Dialog defaultOpen={defaultOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent title="Filter chatrooms" side="bottom">
        <div className="space-y-3">
          <FilterControls filters={filters} choices={choices} apply={apply} idPrefix="sheet-filter" />
        </div>
      </DialogContent>
    </Dialog>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { createContext, useContext, useState, type ComponentType } from "react";
import type { BulkTarget, BulkDialogProps } from "./bulk-dialog";
import { Button } from "./ui/button";
import { useHydrated } from "./use-hydrated";

// The dialog (forms, progress, results) loads when someone reaches for it, not with the list.
const loadDialog = () => import("./bulk-dialog").then((module) => module.default);

type Selection = { all: false; ids: ReadonlySet<string> } | { all: true };

interface SelectionState {
  selection: Selection;
  pageIds: readonly string[];
  hydrated: boolean;
  toggle(id: string): void;
  togglePage(): void;
  selectAll(): void;
  clear(): void;
}

const SelectionContext = createContext<SelectionState | null>(null);

function useSelection(): SelectionState {
  const state = useContext(SelectionContext);
  if (!state) throw new Error("a bulk selection control outside BulkSelection");
  return state;
}

const nothing: Selection = { all: false, ids: new Set() };

/** The chatrooms a person selected on this page, or every one matching the list's filter. */
export function BulkSelection({ pageIds, children }: { pageIds: string[]; children: React.ReactNode }) {
  const [selection, setSelection] = useState<Selection>(nothing);
  const hydrated = useHydrated();
  const state: SelectionState = {
    selection,
    pageIds,
    hydrated,
    toggle: (id) =>
      setSelection((current) => {
        const ids = new Set(current.all ? pageIds : current.ids);
        if (ids.has(id)) ids.delete(id);
        else ids.add(id);
        return { all: false, ids };
      }),
    togglePage: () =>
      setSelection((current) => (current.all || pageIds.every((id) => current.ids.has(id)) ? nothing : { all: false, ids: new Set(pageIds) })),
    selectAll: () => setSelection({ all: true }),
    clear: () => setSelection(nothing),
  };
  return (
    <SelectionContext.Provider value={state}>
      <div className="space-y-3" data-bulk-hydrated={hydrated ? "true" : undefined}>
        {children}
      </div>
    </SelectionContext.Provider>
  );
}

const isSelected = (selection: Selection, id: string) => selection.all || selection.ids.has(id);

export function RowCheckbox({ id, label }: { id: string; label: string }) {
  const { selection, toggle, hydrated } = useSelection();
  return (
    <input
      type="checkbox"
      className="size-4 rounded accent-primary"
      aria-label={`Select ${label}`}
      data-testid="bulk-row-checkbox"
      checked={isSelected(selection, id)}
      disabled={!hydrated}
      onChange={() => toggle(id)}
    />
  );
}

export function PageCheckbox() {
  const { selection, pageIds, togglePage, hydrated } = useSelection();
  const selected = pageIds.filter((id) => isSelected(selection, id)).length;
  return (
    <input
      type="checkbox"
      className="size-4 rounded accent-primary"
      aria-label="Select every chatroom on this page"
      data-testid="bulk-page-checkbox"
      checked={pageIds.length > 0 && selected === pageIds.length}
      ref={(element) => {
        if (element) element.indeterminate = selected > 0 && selected < pageIds.length;
      }}
      disabled={!hydrated}
      onChange={togglePage}
    />
  );
}

export interface BulkBarProps extends Omit<BulkDialogProps, "action" | "target" | "onClose"> {
  /** The list's filter as the API's bulk `filter` takes it. */
  filter: Record<string, string>;
  /** How many chatrooms match it, and whether that count is exact. */
  total: { count: number; label: string };
  can: { reassign: boolean; deactivate: boolean };
}

/** What the person selected and the two bulk actions; the dialog takes it from there. */
export function BulkBar({ filter, total, can, ...dialog }: BulkBarProps) {
  const { selection, selectAll, clear } = useSelection();
  const router = useRouter();
  const [action, setAction] = useState<"reassign" | "deactivate" | null>(null);
  const [BulkDialog, setBulkDialog] = useState<ComponentType<BulkDialogProps> | null>(null);
  const open = async (chosen: "reassign" | "deactivate") => {
    const loaded = await loadDialog();
    setBulkDialog(() => loaded);
    setAction(chosen);
  };
  const count = selection.all ? total.count : selection.ids.size;
  if (count === 0 && action === null) return null;
  const target: BulkTarget = selection.all
    ? { filter, label: `all ${total.label} chatrooms matching this filter` }
    : { chatroom_ids: [...selection.ids], label: `${count} selected chatroom${count === 1 ? "" : "s"}` };
  return (
    <div
      role="region"
      aria-label="Bulk actions"
      data-testid="bulk-bar"
      className="sticky top-2 z-10 flex flex-wrap items-center gap-x-3 gap-y-2 rounded-lg border border-border-strong bg-surface px-3 py-2 shadow-sm"
    >
      <p className="text-sm font-medium" data-testid="bulk-count">
        {selection.all ? `All ${total.label} matching this filter are selected.` : `${count} selected.`}
      </p>
      {!selection.all && total.count > count ? (
        <Button variant="link" size="sm" onClick={selectAll} data-testid="bulk-select-all">
          Select all {total.label} matching this filter
        </Button>
      ) : null}
      <Button variant="link" size="sm" onClick={clear}>
        Clear
      </Button>
      <div className="flex gap-2 sm:ml-auto" onPointerEnter={() => void loadDialog()} onFocus={() => void loadDialog()}>
        {can.reassign ? (
          <Button variant="secondary" size="sm" onClick={() => void open("reassign")}>
            Reassign
          </Button>
        ) : null}
        {can.deactivate ? (
          <Button variant="secondary" size="sm" onClick={() => void open("deactivate")}>
            Deactivate
          </Button>
        ) : null}
      </div>
      {action && BulkDialog ? (
        <BulkDialog
          {...dialog}
          action={action}
          target={target}
          onClose={(ran) => {
            setAction(null);
            if (ran) {
              clear();
              router.refresh();
            }
          }}
        />
      ) : null}
    </div>
  );
}

"use client";

import { Command } from "cmdk";
import { Check, ChevronsUpDown } from "lucide-react";
import { useState } from "react";
import { cn } from "./cn";
import { controlClass } from "./field";
import { Popover, PopoverContent, PopoverTrigger } from "./popover";
import { Tooltip } from "./tooltip";

export interface ComboboxOption {
  value: string;
  label: string;
  /** A second line: a role, a member count, a phone's WABA. */
  description?: string;
  /** Why this option cannot be chosen: it is shown disabled, with this as its tooltip and its description. */
  disabledReason?: string;
  group?: string;
}

/**
 * A searchable choice: cmdk inside a Radix popover. Arrow keys move, Enter chooses, Escape closes; options
 * that cannot be chosen stay visible, disabled, saying why.
 */
export function Combobox({
  id,
  options,
  value,
  onChange,
  placeholder,
  searchPlaceholder = "Search…",
  emptyText = "Nothing matches.",
  invalid,
  describedBy,
  className,
  triggerRef,
}: {
  id: string;
  options: ComboboxOption[];
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  searchPlaceholder?: string;
  emptyText?: string;
  invalid?: boolean;
  describedBy?: string;
  className?: string;
  /** Lets a form focus the trigger (react-hook-form moves focus to the first invalid field). */
  triggerRef?: React.Ref<HTMLButtonElement>;
}) {
  const [open, setOpen] = useState(false);
  const selected = options.find((option) => option.value === value);
  const groups = [...new Set(options.map((option) => option.group ?? ""))];
  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <button
          ref={triggerRef}
          id={id}
          type="button"
          role="combobox"
          aria-expanded={open}
          aria-controls={`${id}-options`}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={describedBy}
          className={cn(controlClass, "flex h-8 items-center justify-between gap-2 text-left", !selected && "text-muted-foreground", className)}
        >
          <span className="truncate">{selected ? selected.label : placeholder}</span>
          <ChevronsUpDown aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />
        </button>
      </PopoverTrigger>
      <PopoverContent id={`${id}-options`} className="w-[var(--radix-popover-trigger-width)] min-w-64">
        <Command label={placeholder} className="flex flex-col">
          <Command.Input
            placeholder={searchPlaceholder}
            className="h-9 w-full border-b border-border bg-transparent px-3 text-sm outline-none placeholder:text-muted-foreground"
          />
          <Command.List className="max-h-72 overflow-y-auto p-1">
            <Command.Empty className="px-2 py-3 text-center text-sm text-muted-foreground">{emptyText}</Command.Empty>
            {groups.map((group) => (
              <Command.Group
                key={group}
                heading={group || undefined}
                className="[&_[cmdk-group-heading]]:px-2 [&_[cmdk-group-heading]]:py-1 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-medium [&_[cmdk-group-heading]]:text-muted-foreground"
              >
                {options
                  .filter((option) => (option.group ?? "") === group)
                  .map((option) => {
                    const item = (
                      <Command.Item
                        key={option.value}
                        value={`${option.label} ${option.description ?? ""} ${option.value}`}
                        disabled={option.disabledReason !== undefined}
                        onSelect={() => {
                          onChange(option.value);
                          setOpen(false);
                        }}
                        className="flex cursor-default items-start gap-2 rounded-md px-2 py-1.5 text-sm outline-none data-[disabled=true]:opacity-55 data-[selected=true]:bg-surface-hover"
                      >
                        <Check aria-hidden="true" className={cn("mt-0.5 size-4 shrink-0", option.value === value ? "opacity-100" : "opacity-0")} />
                        <span className="min-w-0">
                          <span className="block truncate">{option.label}</span>
                          {option.disabledReason || option.description ? (
                            <span className="block text-xs text-muted-foreground">{option.disabledReason ?? option.description}</span>
                          ) : null}
                        </span>
                      </Command.Item>
                    );
                    return option.disabledReason ? (
                      <Tooltip key={option.value} content={option.disabledReason} side="right">
                        <div>{item}</div>
                      </Tooltip>
                    ) : (
                      item
                    );
                  })}
              </Command.Group>
            ))}
          </Command.List>
        </Command>
      </PopoverContent>
    </Popover>
  );
}

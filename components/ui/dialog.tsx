"use client";

import { X } from "lucide-react";
import { Dialog as DialogPrimitive } from "radix-ui";
import { cn } from "./cn";

/**
 * Radix Dialog with our look: focus moves into the dialog when it opens and back to what opened it when it
 * closes; Escape and the close button dismiss it. `side` turns it into a sheet (phones: menus, filters).
 */
export const Dialog = DialogPrimitive.Root;
export const DialogTrigger = DialogPrimitive.Trigger;

export function DialogContent({
  title,
  description,
  children,
  side,
  className,
  ...props
}: {
  title: string;
  description?: React.ReactNode;
  children: React.ReactNode;
  side?: "left" | "bottom";
  className?: string;
} & Omit<React.ComponentProps<typeof DialogPrimitive.Content>, "title">) {
  return (
    <DialogPrimitive.Portal>
      <DialogPrimitive.Overlay className="fixed inset-0 z-40 bg-black/40" />
      <DialogPrimitive.Content
        className={cn(
          "fixed z-50 flex max-h-[90dvh] flex-col gap-4 overflow-y-auto border border-border bg-surface p-5 text-foreground shadow-popover focus:outline-none",
          side === "left"
            ? "inset-y-0 left-0 h-dvh max-h-dvh w-72 max-w-[85vw] rounded-r-xl"
            : side === "bottom"
              ? "inset-x-0 bottom-0 max-h-[85dvh] rounded-t-xl"
              : "top-1/2 left-1/2 w-[min(34rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 rounded-xl",
          className,
        )}
        {...props}
      >
        <div className="flex items-start justify-between gap-3">
          <div className="space-y-1">
            <DialogPrimitive.Title className="text-lg font-semibold">{title}</DialogPrimitive.Title>
            {description ? (
              <DialogPrimitive.Description className="text-sm text-muted-foreground">{description}</DialogPrimitive.Description>
            ) : (
              <DialogPrimitive.Description className="sr-only">{title}</DialogPrimitive.Description>
            )}
          </div>
          <DialogPrimitive.Close className="-m-1 rounded-md p-1 text-muted-foreground hover:bg-surface-hover hover:text-foreground" aria-label="Close">
            <X aria-hidden="true" className="size-4" />
          </DialogPrimitive.Close>
        </div>
        {children}
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  );
}

export function DialogFooter({ className, ...props }: React.HTMLAttributes<HTMLDivElement>) {
  return <div className={cn("flex flex-col-reverse gap-2 pt-1 sm:flex-row sm:justify-end", className)} {...props} />;
}

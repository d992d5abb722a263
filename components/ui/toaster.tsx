"use client";

import { Toaster as Sonner, toast } from "sonner";

/** Sonner, in our colours; toasts are announced politely to screen readers. */
export function Toaster() {
  return (
    <Sonner
      // Stays clickable while a modal dialog holds the page (Radix disables pointer events outside it).
      className="pointer-events-auto"
      position="bottom-right"
      closeButton
      toastOptions={{
        classNames: {
          toast: "!bg-surface !text-foreground !border-border !shadow-popover !font-sans !text-sm",
          description: "!text-muted-foreground",
          actionButton: "!bg-primary !text-primary-foreground !font-medium",
          closeButton: "!bg-surface !text-foreground !border-border",
        },
      }}
    />
  );
}

/** The dashboard's toasts: a success, or a failure saying what to do, with a retry when one makes sense. */
export const notify = {
  success: (text: string) => toast.success(text),
  failure: (title: string, hint: string, retry?: () => void) =>
    toast.error(title, { description: hint, duration: retry ? 15_000 : 8_000, action: retry ? { label: "Retry", onClick: retry } : undefined }),
};

"use client";

import { useEffect, useState } from "react";

type Sonner = typeof import("sonner");
type Show = (sonner: Sonner) => void;

/**
 * Sonner, loaded with the first toast rather than with every page (pages send less JavaScript). Toasts
 * asked for before the toaster is on screen wait in `pending` and are shown as soon as it is.
 */
let loading: Promise<Sonner> | null = null;
let mounted: Sonner | null = null;
const pending: Show[] = [];
const waiting = new Set<(sonner: Sonner) => void>();

function show(toast: Show) {
  if (mounted) return toast(mounted);
  pending.push(toast);
  loading ??= import("sonner").then((sonner) => {
    waiting.forEach((mount) => mount(sonner));
    return sonner;
  });
}

/** Where toasts appear, in our colours; they are announced politely to screen readers. */
export function Toaster() {
  const [sonner, setSonner] = useState<Sonner | null>(null);
  useEffect(() => {
    waiting.add(setSonner);
    return () => {
      waiting.delete(setSonner);
    };
  }, []);
  useEffect(() => {
    if (!sonner) return;
    mounted = sonner;
    for (const toast of pending.splice(0)) toast(sonner);
    return () => {
      mounted = null;
    };
  }, [sonner]);
  if (!sonner) return null;
  return (
    <sonner.Toaster
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
  success: (text: string) => show(({ toast }) => toast.success(text)),
  failure: (title: string, hint: string, retry?: () => void) =>
    show(({ toast }) =>
      toast.error(title, { description: hint, duration: retry ? 15_000 : 8_000, action: retry ? { label: "Retry", onClick: retry } : undefined }),
    ),
};

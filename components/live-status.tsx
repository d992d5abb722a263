"use client";

import { cn } from "./ui/cn";
import type { LiveState } from "./use-org-events";

const words: Record<LiveState, string> = {
  connecting: "Connecting to live updates…",
  live: "Live",
  dropped: "Live updates lost: reconnecting. Changes will show once it is back.",
  resumed: "Live again: caught up on what changed meanwhile.",
};

/** Where the page's live updates stand, in words (announced politely when it changes), with a dot of colour. */
export function LiveStatus({ state, className }: { state: LiveState; className?: string }) {
  return (
    <p role="status" data-testid="live-status" data-state={state} className={cn("inline-flex items-center gap-1.5 text-xs text-muted-foreground", className)}>
      <span
        aria-hidden="true"
        className={cn(
          "size-2 shrink-0 rounded-full",
          state === "live" || state === "resumed" ? "bg-success" : state === "dropped" ? "bg-warning" : "bg-border-strong",
        )}
      />
      <span className={cn(state === "dropped" && "font-medium text-warning")}>{words[state]}</span>
    </p>
  );
}

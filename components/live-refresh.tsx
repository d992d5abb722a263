"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { concerns, type LiveWatch } from "@/lib/dashboard/ui/live";
import { LiveStatus } from "./live-status";
import { useOrgEvents } from "./use-org-events";

/** At most one refresh of the page per this long, however many events arrive. */
const REFRESH_EVERY_MS = 1_000;
const HIGHLIGHT_MS = 2_500;

/**
 * Keeps a server-rendered page current: an event it cares about refreshes it (router.refresh, so that the
 * server reads the API again with the person's rights), and the rows of the chatrooms that changed
 * (`data-chatroom-id`, `data-card-of`) glow for a moment once the new render is in.
 */
export function LiveRefresh({ orgId, watch, className }: { orgId: string; watch: LiveWatch; className?: string }) {
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  const [generation, setGeneration] = useState(0);
  const changed = useRef(new Set<string>());
  const scheduled = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const refresh = () => {
    if (scheduled.current) return;
    scheduled.current = setTimeout(() => {
      scheduled.current = undefined;
      startRefresh(() => router.refresh());
      setGeneration((value) => value + 1);
    }, REFRESH_EVERY_MS);
  };
  const state = useOrgEvents(orgId, {
    onEvent: (event) => {
      if (!concerns(watch, event)) return;
      if (event.chatroom_id) changed.current.add(event.chatroom_id);
      refresh();
    },
    onResume: refresh,
  });
  useEffect(() => () => clearTimeout(scheduled.current), []);
  useEffect(() => {
    if (refreshing || changed.current.size === 0) return;
    const ids = [...changed.current];
    changed.current.clear();
    const rows = ids.flatMap((id) => [...document.querySelectorAll(`[data-chatroom-id="${CSS.escape(id)}"], [data-card-of="${CSS.escape(id)}"]`)]);
    for (const row of rows) row.setAttribute("data-live-changed", "true");
    // Not cleared with the effect: a refresh that starts meanwhile must not leave a row glowing for good.
    setTimeout(() => rows.forEach((row) => row.removeAttribute("data-live-changed")), HIGHLIGHT_MS);
  }, [refreshing, generation]);
  return <LiveStatus state={state} className={className} />;
}

"use client";

import { useEffect, useRef, useState } from "react";
import { parseLiveEvent, retryDelayMs, type LiveEvent } from "@/lib/dashboard/ui/live";

/**
 * live: connected. dropped: the connection is gone and being retried. resumed: it came back (for a few
 * seconds, then live); whatever happened meanwhile has been caught up.
 */
export type LiveState = "connecting" | "live" | "dropped" | "resumed";

const RESUMED_FOR_MS = 4_000;

/**
 * The org's events from the dashboard's relay (the server holds the key). The browser's EventSource retries
 * a dropped connection by itself and resumes with Last-Event-ID; a relay that refused (the API was away) closes
 * it, so it is reopened here after the last event seen. `onResume` runs when a dropped connection is back, so
 * that the page can catch up on anything it could not be told about.
 */
export function useOrgEvents(orgId: string, handlers: { onEvent: (event: LiveEvent) => void; onResume: () => void }): LiveState {
  const [state, setState] = useState<LiveState>("connecting");
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    let source: EventSource | null = null;
    let lastId: string | null = null;
    let failures = 0;
    let dropped = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let settle: ReturnType<typeof setTimeout> | undefined;
    const connect = () => {
      const base = `/data/orgs/${encodeURIComponent(orgId)}/events`;
      source = new EventSource(lastId ? `${base}?after=${encodeURIComponent(lastId)}` : base);
      source.onopen = () => {
        failures = 0;
        if (dropped) {
          dropped = false;
          setState("resumed");
          latest.current.onResume();
          clearTimeout(settle);
          settle = setTimeout(() => setState("live"), RESUMED_FOR_MS);
        } else {
          setState("live");
        }
      };
      source.onmessage = (message) => {
        if (message.lastEventId) lastId = message.lastEventId;
        const event = parseLiveEvent(message.data as string);
        if (event) latest.current.onEvent(event);
      };
      source.onerror = () => {
        dropped = true;
        clearTimeout(settle);
        setState("dropped");
        if (source?.readyState === EventSource.CLOSED) {
          failures += 1;
          retry = setTimeout(connect, retryDelayMs(failures));
        }
      };
    };
    connect();
    return () => {
      clearTimeout(retry);
      clearTimeout(settle);
      source?.close();
    };
  }, [orgId]);
  return state;
}

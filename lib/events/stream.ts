import type { Actor } from "@/lib/principals/actor";
import type { Db } from "@/lib/db/client";
import { ApiError } from "@/lib/errors";
import { errorFields, log } from "@/lib/log";
import { currentPosition, readEvents } from "./read";
import { eventIdSchema, type EventObject, type EventPosition, type EventType } from "./schemas";
import { eventWatcher } from "./watcher";

/** A comment line this often keeps proxies from closing an idle stream and tells the client it is alive. */
const HEARTBEAT_MS = 15_000;
/** Read again after this long even without a wake-up (a poll the watcher missed while the database was away). */
const FALLBACK_READ_MS = 5_000;
const PAGE_SIZE = 100;
/** How long a client waits before reconnecting (the EventSource `retry` field). */
const RECONNECT_MS = 3_000;

function frame(event: EventObject): string {
  return `id: ${event.id}\ndata: ${JSON.stringify(event)}\n\n`;
}

export interface EventStreamParams {
  orgId: string;
  actor: Actor;
  after: EventPosition;
  /** Events visible in this snapshot are skipped (see `currentPosition`). */
  seenIn?: string;
  types?: EventType[];
  /** Aborted when the client goes away. */
  signal?: AbortSignal;
  heartbeatMs?: number;
}

/**
 * Server-Sent Events of the org's events after `after`, as the actor may see them: each with `id:` so that
 * a client resumes with Last-Event-ID, and a heartbeat comment when nothing was sent for `heartbeatMs`.
 * It reads only when the client takes more (a slow client slows its own stream, nothing else), and every
 * read comes from the database, so any instance serves any client.
 */
function eventStream(db: Db, params: EventStreamParams): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const heartbeatMs = params.heartbeatMs ?? HEARTBEAT_MS;
  const stopped = new AbortController();
  params.signal?.addEventListener("abort", () => stopped.abort(), { once: true });
  const watcher = eventWatcher(db);
  let cursor = params.after;
  let lastWrite = performance.now();
  let started = false;

  async function next(): Promise<string | null> {
    if (!started) {
      started = true;
      return `retry: ${RECONNECT_MS}\n\n`;
    }
    for (;;) {
      if (stopped.signal.aborted) return null;
      const armed = watcher.arm(params.orgId);
      try {
        const batch = await readEvents(db, { orgId: params.orgId, actor: params.actor, after: cursor, types: params.types, seenIn: params.seenIn, limit: PAGE_SIZE });
        if (batch.last) cursor = batch.last;
        if (batch.items.length > 0) return batch.items.map(frame).join("");
        if (batch.scanned === PAGE_SIZE) continue;
        const untilHeartbeat = heartbeatMs - (performance.now() - lastWrite);
        if (untilHeartbeat <= 0) return ": heartbeat\n\n";
        await armed.wait(Math.min(untilHeartbeat, FALLBACK_READ_MS), stopped.signal);
      } finally {
        armed.cancel();
      }
    }
  }

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const chunk = await next();
        // A client that went away cancelled the stream, which closed it: nothing more to write or close.
        if (stopped.signal.aborted) return;
        if (chunk === null) return controller.close();
        controller.enqueue(encoder.encode(chunk));
        lastWrite = performance.now();
      } catch (error) {
        if (stopped.signal.aborted) return;
        // The client reconnects with the last id it got; nothing is lost.
        log("warn", "event stream failed", { org_id: params.orgId, ...errorFields(error) });
        controller.error(error);
      }
    },
    cancel() {
      stopped.abort();
    },
  });
}

/**
 * GET .../events/stream: starts after the Last-Event-ID header (a reconnecting EventSource), else after
 * `after`, else at the current position (events from now on). `no-transform` keeps compression from
 * buffering the stream.
 */
export async function openEventStream(
  db: Db,
  params: Omit<EventStreamParams, "after" | "seenIn"> & { lastEventId: string | null; after?: EventPosition },
): Promise<Response> {
  let resumeFrom: EventPosition | undefined;
  if (params.lastEventId !== null && params.lastEventId.trim() !== "") {
    const parsed = eventIdSchema.safeParse(params.lastEventId.trim());
    if (!parsed.success) {
      const issue = { path: "header.last-event-id", message: "is not an event id this API gave" };
      throw new ApiError("VALIDATION_FAILED", { issues: [issue] }, `${issue.path}: ${issue.message}`);
    }
    resumeFrom = parsed.data;
  }
  const given = resumeFrom ?? params.after;
  const start = given === undefined ? await currentPosition(db) : { after: given };
  return new Response(eventStream(db, { ...params, ...start }), {
    status: 200,
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
}

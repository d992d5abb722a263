import { sql } from "drizzle-orm";
import { expect } from "vitest";
import { rowsOf } from "@/lib/db/sql";
import type { TestApp } from "./app";
import { tokens } from "./fixture";

export interface SeenEvent {
  id: string;
  type: string;
  org_id: string;
  chatroom_id: string | null;
  occurred_at: string;
  actor: Record<string, unknown>;
  data: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read whatever the event carries
}

/**
 * Waits until every transaction that had begun before this call has ended, so that a read sees the events
 * of every request already answered. On a shared PostgreSQL other databases' transactions count too.
 */
export async function settleEvents(app: TestApp): Promise<void> {
  const [mine] = rowsOf<{ xact: string }>(await app.database.db.execute(sql`select (pg_current_xact_id()::text)::bigint as xact`));
  for (let tries = 0; tries < 600; tries++) {
    const [now] = rowsOf<{ horizon: string }>(
      await app.database.db.execute(sql`select (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint as horizon`),
    );
    if (Number(now!.horizon) > Number(mine!.xact)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("transactions of the server did not end within 30 s");
}

/** Every event of the org after `after` that the caller may see, following next_cursor to the end. */
export async function eventsAfter(
  app: TestApp,
  after: string | undefined,
  options: { token?: string; headers?: Record<string, string>; orgId?: string; types?: string } = {},
): Promise<SeenEvent[]> {
  await settleEvents(app);
  const seen: SeenEvent[] = [];
  let cursor = after;
  for (;;) {
    const query = new URLSearchParams({ limit: "200" });
    if (cursor) query.set("after", cursor);
    if (options.types) query.set("types", options.types);
    const answer = await app.call("GET", `/v1/org/${options.orgId ?? "org_a"}/events?${query}`, { token: options.token, headers: options.headers });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    seen.push(...answer.body.items);
    if (answer.body.next_cursor === null) return seen;
    cursor = answer.body.next_cursor;
  }
}

/**
 * The id of the org's newest event now, as an ADMIN sees it: a test reads what happens after it. With none
 * yet (the test may run first in its file), the id before every event.
 */
export async function latestEventId(app: TestApp, orgId = "org_a"): Promise<string> {
  return (await eventsAfter(app, undefined, { orgId })).at(-1)?.id ?? "0".repeat(32);
}

export interface SseConnection {
  status: number;
  headers: Headers;
  /** The next `count` events (waiting at most `timeoutMs`); comments are kept in `comments`. */
  next(count: number, timeoutMs?: number): Promise<SeenEvent[]>;
  /** The next events up to and including the first of type `type`. */
  through(type: string, timeoutMs?: number): Promise<SeenEvent[]>;
  /** Raw `: comment` lines seen so far, and the `retry:` value. */
  comments: string[];
  retry: number | undefined;
  ids: string[];
  close(): void;
}

/** Opens GET .../events/stream over real HTTP and parses the Server-Sent Events as they arrive. */
export async function openStream(
  app: TestApp,
  options: { token?: string; headers?: Record<string, string>; query?: string; orgId?: string } = {},
): Promise<SseConnection> {
  const controller = new AbortController();
  const response = await fetch(`${app.server.url}/v1/org/${options.orgId ?? "org_a"}/events/stream${options.query ?? ""}`, {
    headers: { authorization: `Bearer ${options.token ?? tokens.adminA}`, ...options.headers },
    signal: controller.signal,
  });
  const queue: SeenEvent[] = [];
  const connection: SseConnection = {
    status: response.status,
    headers: response.headers,
    comments: [],
    retry: undefined,
    ids: [],
    next: async (count, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (queue.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} event(s) within ${timeoutMs} ms, got ${queue.length}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return queue.splice(0, count);
    },
    through: async (type, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = queue.findIndex((event) => event.type === type);
        if (index >= 0) return queue.splice(0, index + 1);
        if (Date.now() > deadline) throw new Error(`no ${type} within ${timeoutMs} ms; got ${queue.map((event) => event.type).join(", ")}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () => controller.abort(),
  };
  if (!response.ok || !response.body) return connection;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = "";
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let data = "";
          for (const line of block.split("\n")) {
            if (line.startsWith(":")) connection.comments.push(line.slice(1).trim());
            else if (line.startsWith("retry: ")) connection.retry = Number(line.slice(7));
            else if (line.startsWith("id: ")) connection.ids.push(line.slice(4));
            else if (line.startsWith("data: ")) data += line.slice(6);
          }
          if (data) queue.push(JSON.parse(data));
        }
      }
    } catch {
      // closed by the test
    }
  })();
  return connection;
}

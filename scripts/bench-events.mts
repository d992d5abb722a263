import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { systemClock } from "../lib/clock.ts";
import { openDatabase, type DatabaseTarget } from "../lib/db/client.ts";
import { env } from "../lib/env.ts";
import { provision } from "../lib/provision/load.ts";
import { adminUrl, withDatabase } from "../lib/testing/postgres.ts";

/**
 * `npm run bench:events`: the built app under `next start`, with 10 SSE clients on the org's event stream
 * and a webhook subscription to a receiver in this process, while autocannon runs creates (one
 * chatroom.created event each). Reports the events per second each stream kept up with, and the time from a
 * create's answer to its event reaching the SSE clients and the webhook receiver (p50, p99): under that
 * load, and for creates one at a time. On PGlite and, with DATABASE_URL, on PostgreSQL.
 * Options: --duration SECONDS (default 15), --connections N (default 32), --clients N (default 10).
 */
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const DURATION = option("duration", 15);
const CONNECTIONS = option("connections", 32);
const CLIENTS = option("clients", 10);
const SEQUENTIAL = 100;
const CONTACTS = 40_000;
const PORT = 3353;
const TOKEN = "bench-token-events-admin-00000000000000";
const ORG = "org_bench_events";

function benchFile() {
  return {
    orgs: [
      {
        id: ORG,
        name: "Bench events",
        wabas: [
          {
            remote_waba_id: "waba_bench_events",
            name: "Bench",
            matrix_host_name: "matrix.bench.example",
            phones: [1, 2, 3].map((n) => ({ remote_phone_id: `ph_bench_events_${n}`, display_phone_number: `+1555091000${n}` })),
          },
        ],
        users: [{ id: "u_bench_events_admin", email: "admin@bench-events.example", name: "Bench Admin", role: "ADMIN" }],
        contacts: Array.from({ length: CONTACTS }, (_, i) => ({
          id: `ce_${i}`,
          crm_id: `E-${i}`,
          phone_number: `+9161${String(i).padStart(8, "0")}`,
        })),
      },
    ],
    api_keys: [{ id: "k_bench_events_admin", token: TOKEN, user: "u_bench_events_admin" }],
  };
}

type Listener = "sse" | "webhook";

/** When each chatroom's create was answered, and when its event reached each listener (performance.now()). */
class Timeline {
  answered = new Map<string, number>();
  arrivals = new Map<string, { listener: Listener; at: number }[]>();
  arrive(chatroomId: string, listener: Listener) {
    const list = this.arrivals.get(chatroomId) ?? [];
    list.push({ listener, at: performance.now() });
    this.arrivals.set(chatroomId, list);
  }
  /** Answer-to-arrival delays at `listener` of the rooms answered in [from, to), sorted. */
  delays(from: number, to: number, listener: Listener): number[] {
    const out: number[] = [];
    for (const [room, answeredAt] of this.answered) {
      if (answeredAt < from || answeredAt >= to) continue;
      for (const arrival of this.arrivals.get(room) ?? []) {
        if (arrival.listener === listener) out.push(Math.max(0, arrival.at - answeredAt));
      }
    }
    return out.sort((a, b) => a - b);
  }
}

const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);

interface SseClient {
  received: number;
  close(): void;
}

async function openSse(url: string, timeline: Timeline): Promise<SseClient> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` }, signal: controller.signal });
  if (!response.ok || !response.body) throw new Error(`the stream answered ${response.status}`);
  const client: SseClient = { received: 0, close: () => controller.abort() };
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
          const data = block.split("\n").find((line) => line.startsWith("data: "));
          if (!data) continue;
          const event = JSON.parse(data.slice(6)) as { type: string; chatroom_id: string };
          client.received += 1;
          if (event.type === "chatroom.created") timeline.arrive(event.chatroom_id, "sse");
        }
      }
    } catch {
      // closed
    }
  })();
  return client;
}

async function startReceiver(timeline: Timeline): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const event = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { chatroom_id: string };
      timeline.arrive(event.chatroom_id, "webhook");
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

async function waitForReady(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("the server did not become ready in 120 s");
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<number> {
  const started = performance.now();
  while (!condition() && performance.now() - started < timeoutMs) await new Promise((resolve) => setTimeout(resolve, 20));
  return performance.now() - started;
}

interface Row {
  database: string;
  phase: string;
  creates: number;
  createsPerSecond: number;
  eventsPerSecondPerClient: number;
  sse: number[];
  webhook: number[];
  drainMs: number;
}

async function benchTarget(label: string, target: DatabaseTarget, serverEnv: Record<string, string>): Promise<Row[]> {
  const database = await openDatabase(target);
  await provision(database.db, benchFile(), systemClock);
  await database.close();

  const url = `http://127.0.0.1:${PORT}`;
  const server = spawn(path.join("node_modules", ".bin", "next"), ["start", "-p", String(PORT)], {
    env: {
      ...process.env,
      ...serverEnv,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      PROVISION_DEMO_WHEN_EMPTY: "0",
      RATE_LIMIT_PER_SECOND: "1000000000",
      RATE_LIMIT_BURST: "1000000000",
      WEBHOOK_WORKER_INTERVAL_MS: "1000",
      WEBHOOK_ALLOW_PRIVATE_TARGETS: "1",
      SWEEP_INTERVAL_MS: "0",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const timeline = new Timeline();
  const receiver = await startReceiver(timeline);
  const clients: SseClient[] = [];
  try {
    await waitForReady(url, server);
    const headers = { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" };
    let next = 0;
    const createBenchmark = () =>
      autocannon({
        url: `${url}/v3/org/${ORG}/lead/chatroom`,
        method: "POST",
        headers,
        connections: CONNECTIONS,
        duration: DURATION,
        requests: [
          {
            setupRequest: (request) => ({ ...request, body: JSON.stringify({ lead_id: `ce_${next++ % CONTACTS}` }) }),
            onResponse: (status, body) => {
              if (status !== 200) return;
              const parsed = JSON.parse(body) as { chatroom_id: string; is_existing: boolean };
              if (!parsed.is_existing) timeline.answered.set(parsed.chatroom_id, performance.now());
            },
          },
        ],
      });
    // The same creates with nobody listening, for comparison.
    const baseline = await createBenchmark();
    timeline.answered.clear();
    const subscribed = await fetch(`${url}/v1/org/${ORG}/webhooks`, {
      method: "POST",
      headers,
      body: JSON.stringify({ url: receiver.url, types: ["chatroom.created"], description: "bench" }),
    });
    if (!subscribed.ok) throw new Error(`subscribing answered ${subscribed.status}: ${await subscribed.text()}`);
    for (let i = 0; i < CLIENTS; i++) clients.push(await openSse(`${url}/v1/org/${ORG}/events/stream`, timeline));
    const listeners = CLIENTS + 1;
    const arrivedEverywhere = () => [...timeline.answered.keys()].every((room) => (timeline.arrivals.get(room)?.length ?? 0) >= listeners);

    const create = async () => {
      const lead = `ce_${next++ % CONTACTS}`;
      const response = await fetch(`${url}/v3/org/${ORG}/lead/chatroom`, { method: "POST", headers, body: JSON.stringify({ lead_id: lead }) });
      const body = (await response.json()) as { chatroom_id?: string; is_existing?: boolean };
      if (response.ok && body.chatroom_id && body.is_existing === false) timeline.answered.set(body.chatroom_id, performance.now());
    };
    // Warm up: pools, caches and the first SSE reads.
    for (let i = 0; i < 20; i++) await create();
    await waitUntil(arrivedEverywhere, 30_000);

    const rows: Row[] = [
      {
        database: label,
        phase: `the create benchmark alone, nobody listening (${CONNECTIONS} connections, ${DURATION} s)`,
        creates: baseline.requests.total,
        createsPerSecond: baseline.requests.average,
        eventsPerSecondPerClient: NaN,
        sse: [],
        webhook: [],
        drainMs: NaN,
      },
    ];
    // One at a time: the delay a client sees when the server is not busy.
    const quietFrom = performance.now();
    for (let i = 0; i < SEQUENTIAL; i++) {
      await create();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const quietTo = performance.now();
    const quietDrain = await waitUntil(arrivedEverywhere, 60_000);
    rows.push({
      database: label,
      phase: "creates one at a time",
      creates: SEQUENTIAL,
      createsPerSecond: (SEQUENTIAL * 1000) / (quietTo - quietFrom),
      eventsPerSecondPerClient: NaN,
      sse: timeline.delays(quietFrom, quietTo, "sse"),
      webhook: timeline.delays(quietFrom, quietTo, "webhook"),
      drainMs: quietDrain,
    });

    // Under the create benchmark.
    const receivedBefore = clients.map((client) => client.received);
    const loadFrom = performance.now();
    const result = await createBenchmark();
    const loadTo = performance.now();
    const perClient = clients.map((client, i) => client.received - receivedBefore[i]!);
    const drain = await waitUntil(arrivedEverywhere, 120_000);
    const created = [...timeline.answered.values()].filter((at) => at >= loadFrom && at < loadTo).length;
    rows.push({
      database: label,
      phase: `under the create benchmark (${CONNECTIONS} connections, ${DURATION} s)`,
      creates: created,
      createsPerSecond: result.requests.average,
      eventsPerSecondPerClient: (Math.min(...perClient) * 1000) / (loadTo - loadFrom),
      sse: timeline.delays(loadFrom, loadTo, "sse"),
      webhook: timeline.delays(loadFrom, loadTo, "webhook"),
      drainMs: drain,
    });
    if (!arrivedEverywhere()) console.warn("note: some events had not reached every listener when the drain wait gave up");
    return rows;
  } finally {
    for (const client of clients) client.close();
    await receiver.close();
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  }
}

if (!fs.existsSync(path.join(".next", "BUILD_ID"))) {
  console.log("building the app first...");
  const build = spawnSync(path.join("node_modules", ".bin", "next"), ["build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) process.exit(1);
}

const loadBefore = os.loadavg();
const rows: Row[] = [];
const pgliteDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-events-"));
try {
  rows.push(...(await benchTarget("PGlite", { kind: "pglite", dir: path.join(pgliteDir, "db") }, { PGLITE_DIR: path.join(pgliteDir, "db"), DATABASE_URL: "" })));
} finally {
  fs.rmSync(pgliteDir, { recursive: true, force: true });
}
const baseUrl = env().DATABASE_URL;
if (baseUrl) {
  const name = `switchboard_bench_events_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl(baseUrl) });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = withDatabase(baseUrl, name);
  try {
    rows.push(...(await benchTarget("PostgreSQL", { kind: "postgres", url }, { DATABASE_URL: url })));
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
const loadAfter = os.loadavg();

const ms = (value: number) => (Number.isNaN(value) ? "n/a" : value.toFixed(0));
console.log(`\n${CLIENTS} SSE clients and one webhook receiver, ${os.cpus().length} cores, everything on this machine`);
console.log(`load average (1 min) ${loadBefore[0]!.toFixed(1)} before, ${loadAfter[0]!.toFixed(1)} after\n`);
console.log("| database | phase | creates | creates/s | events/s per SSE client | answer→SSE p50 / p99 ms | answer→webhook p50 / p99 ms | drain after ms |");
console.log("|---|---|---|---|---|---|---|---|");
for (const row of rows) {
  console.log(
    `| ${row.database} | ${row.phase} | ${row.creates} | ${row.createsPerSecond.toFixed(0)} | ${Number.isNaN(row.eventsPerSecondPerClient) ? "n/a" : row.eventsPerSecondPerClient.toFixed(0)} | ` +
      `${ms(percentile(row.sse, 50))} / ${ms(percentile(row.sse, 99))} | ${ms(percentile(row.webhook, 50))} / ${ms(percentile(row.webhook, 99))} | ${ms(row.drainMs)} |`,
  );
}
console.log("\nevents/s per SSE client: the slowest client's events received during the load window, per second.");
console.log("drain after: how long after the phase every event had reached all listeners.");

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { systemClock } from "../lib/clock.ts";
import { openDatabase, type DatabaseTarget } from "../lib/db/client.ts";
import { env } from "../lib/env.ts";
import { provision } from "../lib/provision/load.ts";
import { adminUrl, withDatabase } from "../lib/testing/postgres.ts";
import type { ScenarioWindow } from "./cpu-profile-summary.mts";
import { cpuMillis, postgresCpuMillis, processTree } from "./process-memory.mts";

/**
 * `npm run bench:api`: in one run, on the same database, autocannon against the app as `npm start` serves it
 * (create v3 for fresh leads, get-by-contact, GET /healthz) and against two baselines in plain Node
 * (scripts/bench-bare-server.mjs: a JSON ping, and a pg handler doing get-by-contact's key lookup and query),
 * beside pgbench running the SQL of one create transaction; closed loop at 32 connections, then open loop at
 * a fixed arrival rate (200 req/s). Prints req/s, p50, p99 and the ratios. On PGlite only the app and the
 * ping run (nothing else may open its directory); PostgreSQL runs when DATABASE_URL is set.
 * Options: --duration SECONDS (default 10), --connections N (default 32), --rate N (default 200),
 * --databases pglite,postgres (default both; postgres needs DATABASE_URL), --start FILE (the server's entry
 * point, default scripts/start.mjs; another to compare against), --cpu-prof DIR (the app's processes write V8 CPU
 * profiles there when they stop; `scripts/cpu-profile-summary.mts` reads them).
 */
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1]! : fallback;
};
const DURATION = Number(option("duration", "10"));
const CONNECTIONS = Number(option("connections", "32"));
const RATE = Number(option("rate", "200"));
const DATABASES = option("databases", "pglite,postgres").split(",");
/** The server's entry point: another one (an older start.mjs) to compare against. */
const START = option("start", "scripts/start.mjs");
const CPU_PROFILE_DIR = option("cpu-prof", "");
const CONTACTS = 60_000;
const PORT = 3291;
const BARE_PORT = 3292;
const TOKEN = "bench-token-admin-0000000000000000000000";
const ORG = "org_bench";
const PGBENCH = fs.existsSync("/usr/lib/postgresql/15/bin/pgbench") ? "/usr/lib/postgresql/15/bin/pgbench" : "pgbench";

interface Row {
  database: string;
  scenario: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU time per request of the server's processes, and of PostgreSQL's (where it runs), in ms. */
  serverCpuMs: number;
  databaseCpuMs: number;
}

function benchFile() {
  return {
    orgs: [
      {
        id: ORG,
        name: "Bench",
        wabas: [
          {
            remote_waba_id: "waba_bench",
            name: "Bench",
            matrix_host_name: "matrix.bench.example",
            phones: [1, 2, 3].map((n) => ({
              remote_phone_id: `ph_bench_${n}`,
              display_phone_number: `+1555090000${n}`,
            })),
          },
        ],
        users: [{ id: "u_bench_admin", email: "admin@bench.example", name: "Bench Admin", role: "ADMIN" }],
        contacts: Array.from({ length: CONTACTS }, (_, i) => ({
          id: `cb_${i}`,
          crm_id: `B-${i}`,
          phone_number: `+9160${String(i).padStart(8, "0")}`,
          first_name: "Lead",
          last_name: String(i),
        })),
      },
    ],
    api_keys: [{ id: "k_bench_admin", token: TOKEN, user: "u_bench_admin" }],
  };
}

async function waitForReady(url: string, server: ChildProcess, init?: RequestInit): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    try {
      if ((await fetch(url, init)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("the server did not become ready in 120 s");
}

async function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
}

async function run(
  database: string,
  scenario: string,
  server: ChildProcess,
  options: Partial<autocannon.Options> & { url: string },
): Promise<Row> {
  const fromMicros = monotonicMicros();
  const serverProcesses = processTree(server.pid!);
  const cpu = cpuCounter(serverProcesses);
  const result = await autocannon({ connections: CONNECTIONS, duration: DURATION, ...options });
  const used = cpu.stop();
  const row = {
    database,
    scenario: options.overallRate ? `${scenario}, open loop ${options.overallRate} req/s` : scenario,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors,
    serverCpuMs: used.server / result.requests.total,
    databaseCpuMs: used.database / result.requests.total,
  };
  console.log(formatRow(row));
  if (CPU_PROFILE_DIR) {
    scenarioWindows.push({ scenario: `${database} ${row.scenario}`, fromMicros, toMicros: monotonicMicros() });
    fs.mkdirSync(CPU_PROFILE_DIR, { recursive: true });
    fs.writeFileSync(path.join(CPU_PROFILE_DIR, "scenarios.json"), JSON.stringify(scenarioWindows, null, 2));
  }
  return row;
}

/**
 * The CPU time the server's processes and PostgreSQL's use from now until `stop()`. On PGlite the database
 * runs inside the server, so its time is in the server's.
 */
function cpuCounter(serverProcesses: number[]) {
  const before = { server: cpuMillis(serverProcesses), database: postgresCpuMillis() };
  return {
    stop: () => ({
      server: cpuMillis(serverProcesses) - before.server,
      database: postgresCpuMillis() - before.database,
    }),
  };
}

/** The clock of V8's profile timestamps (CLOCK_MONOTONIC, shared by every process on the machine). */
const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);
const scenarioWindows: ScenarioWindow[] = [];

const formatRow = (row: Row) =>
  `| ${row.database} | ${row.scenario} | ${row.requestsPerSecond.toFixed(0)} | ${row.p50.toFixed(1)} | ${Number.isNaN(row.p99) ? "n/a" : row.p99.toFixed(1)} | ${row.errors} | ${Number.isNaN(row.serverCpuMs) ? "n/a" : row.serverCpuMs.toFixed(2)} | ${row.database === "PostgreSQL" ? row.databaseCpuMs.toFixed(2) : "n/a"} |`;

const headers = { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" };

/** The bare handlers of scripts/bench-bare-server.mjs, each in a process of its own like the app. */
async function benchBare(label: string, databaseUrl: string | undefined, leads: string[]): Promise<Row[]> {
  const rows: Row[] = [];
  const url = `http://127.0.0.1:${BARE_PORT}`;
  for (const mode of databaseUrl ? ["ping", "pg"] : ["ping"]) {
    const server = spawn(
      process.execPath,
      ["scripts/bench-bare-server.mjs", mode, String(BARE_PORT), databaseUrl ?? ""],
      {
        stdio: ["ignore", "ignore", "inherit"],
      },
    );
    try {
      await waitForReady(mode === "ping" ? url : `${url}/v1/org/${ORG}/chatroom/contact/${leads[0]}`, server, {
        headers,
      });
      if (mode === "ping") {
        rows.push(await run(label, "bare node:http JSON ping", server, { url }));
        continue;
      }
      let read = 0;
      const requests = [
        {
          setupRequest: (request: autocannon.Request) => ({
            ...request,
            path: `/v1/org/${ORG}/chatroom/contact/${leads[read++ % leads.length]}`,
          }),
        },
      ];
      rows.push(await run(label, "bare node:http + pg: key lookup, get by contact", server, { url, headers, requests }));
      rows.push(
        await run(label, "bare node:http + pg: key lookup, get by contact", server, {
          url,
          headers,
          requests,
          overallRate: RATE,
        }),
      );
    } finally {
      await stop(server);
    }
  }
  return rows;
}

/** The app as `npm start` serves it: closed loop, then open loop; returns the leads that got a room. */
async function benchApp(
  label: string,
  target: DatabaseTarget,
  serverEnv: Record<string, string>,
): Promise<{ rows: Row[]; leads: string[] }> {
  const database = await openDatabase(target);
  await provision(database.db, benchFile(), systemClock);
  await database.close();

  const url = `http://127.0.0.1:${PORT}`;
  // node:cluster hands the master's flags to its workers, so each worker writes a profile of its own.
  const profileFlags = CPU_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(CPU_PROFILE_DIR)}`] : [];
  const server = spawn(process.execPath, [...profileFlags, START], {
    env: {
      ...process.env,
      ...serverEnv,
      PORT: String(PORT),
      LOG_LEVEL: "warn",
      PROVISION_DEMO_WHEN_EMPTY: "0",
      SWEEP_INTERVAL_MS: "0",
      WEBHOOK_WORKER_INTERVAL_MS: "0",
      RATE_LIMIT_PER_SECOND: "1000000000",
      RATE_LIMIT_BURST: "1000000000",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    await waitForReady(`${url}/readyz`, server);
    // Warm up (the first requests open pools and fill caches).
    for (let i = 0; i < 50; i++) await fetch(`${url}/healthz`);
    await fetch(`${url}/v1/org/${ORG}/chatroom/contact/cb_0`, { headers });

    const rows: Row[] = [];
    rows.push(await run(label, "app: GET /healthz", server, { url: `${url}/healthz` }));
    let next = 0;
    const leads: string[] = [];
    const creates: autocannon.Request[] = [
      {
        setupRequest: (request, context) => {
          const lead = `cb_${next++ % CONTACTS}`;
          (context as { lead?: string }).lead = lead;
          return { ...request, body: JSON.stringify({ lead_id: lead }) };
        },
        onResponse: (status, _body, context) => {
          if (status === 200) leads.push((context as { lead: string }).lead);
        },
      },
    ];
    const createUrl = `${url}/v3/org/${ORG}/lead/chatroom`;
    rows.push(
      await run(label, "app: create v3, fresh leads", server, { url: createUrl, method: "POST", headers, requests: creates }),
    );
    let read = 0;
    const gets = [
      {
        setupRequest: (request: autocannon.Request) => ({
          ...request,
          path: `/v1/org/${ORG}/chatroom/contact/${leads[read++ % leads.length]}`,
        }),
      },
    ];
    const getUrl = `${url}/v1/org/${ORG}/chatroom/contact/cb_0`;
    rows.push(await run(label, "app: get by contact", server, { url: getUrl, headers, requests: gets }));
    rows.push(
      await run(label, "app: create v3, fresh leads", server, {
        url: createUrl,
        method: "POST",
        headers,
        requests: creates,
        overallRate: RATE,
      }),
    );
    rows.push(
      await run(label, "app: get by contact", server, { url: getUrl, headers, requests: gets, overallRate: RATE }),
    );
    if (next > CONTACTS)
      console.warn(`note: ${next} creates for ${CONTACTS} leads; the later ones found an existing room`);
    return { rows, leads };
  } finally {
    await stop(server);
  }
}

/**
 * pgbench with the statements one create transaction runs (lib/chatrooms/service.ts createChatroom): the
 * number's lock, the lapses (as two updates), the mapping, the active rooms of the lead and the number, and
 * the room, mapping and audit event in one statement.
 */
function pgbench(url: string): Row {
  const script = `
\\set c random(0, ${CONTACTS - 1})
\\set phone random(1, 3)
BEGIN;
SELECT pg_advisory_xact_lock(hashtextextended('${ORG} +9160' || lpad(:c::text, 8, '0'), 0));
UPDATE chatrooms SET deactivated_at = inactivity_deadline, deactivation_reason = 'INACTIVITY'
  WHERE org_id = '${ORG}' AND (phone_number = '+9160' || lpad(:c::text, 8, '0') OR contact_id = 'cb_' || :c)
  AND deactivated_at IS NULL AND expired_at IS NULL AND inactivity_deadline <= now() AND inactivity_deadline < expiry_ts;
UPDATE chatrooms SET expired_at = expiry_ts
  WHERE org_id = '${ORG}' AND (phone_number = '+9160' || lpad(:c::text, 8, '0') OR contact_id = 'cb_' || :c)
  AND expired_at IS NULL AND expiry_ts <= now();
SELECT remote_phone_id FROM contact_waba_mappings WHERE org_id = '${ORG}' AND contact_id = 'cb_' || :c;
SELECT c.id, ct.crm_id, wp.remote_waba_id FROM chatrooms c JOIN contacts ct ON ct.id = c.contact_id
  JOIN waba_phones wp ON wp.remote_phone_id = c.remote_phone_id LEFT JOIN pending_assignments pa ON pa.chatroom_id = c.id
  WHERE c.org_id = '${ORG}' AND (c.contact_id = 'cb_' || :c OR c.phone_number = '+9160' || lpad(:c::text, 8, '0'))
  AND c.deactivated_at IS NULL AND c.expired_at IS NULL AND c.expiry_ts > now() AND c.inactivity_deadline > now()
  ORDER BY c.created_at, c.id;
WITH new_room AS (INSERT INTO chatrooms (id, org_id, contact_id, remote_phone_id, phone_number, display_name, display_name_derived,
  external_ref_id, history_visibility, created_at, last_activity_at, expiry_ts, inactivity_deadline)
  VALUES ('pgb_' || md5(random()::text), '${ORG}', 'cb_' || :c, 'ph_bench_' || :phone, '+9160' || lpad(:c::text, 8, '0'),
  'B-' || :c, true, '!' || md5(random()::text) || ':matrix.bench.example', 'shared', now(), now(),
  now() + interval '30 days', now() + interval '7 days') ON CONFLICT DO NOTHING RETURNING id),
new_mapping AS (INSERT INTO contact_waba_mappings (contact_id, org_id, remote_phone_id, updated_at) VALUES ('cb_' || :c, '${ORG}', 'ph_bench_' || :phone, now())
  ON CONFLICT (contact_id) DO UPDATE SET remote_phone_id = excluded.remote_phone_id, updated_at = excluded.updated_at)
INSERT INTO audit_events (org_id, chatroom_id, action, actor_type, actor_id, request_id, changes, at)
  VALUES ('${ORG}', (SELECT id FROM new_room), 'chatroom.created', 'user', 'u_bench_admin', 'pgbench', '{"status":{"before":null,"after":"active"}}', now());
COMMIT;
`;
  const file = path.join(os.tmpdir(), `switchboard-pgbench-${process.pid}.sql`);
  fs.writeFileSync(file, script);
  const { stop } = cpuCounter([]);
  const database = () => stop().database;
  const result = spawnSync(
    PGBENCH,
    ["-n", "-c", String(CONNECTIONS), "-j", "2", "-T", String(DURATION), "-r", "-f", file, url],
    { encoding: "utf8" },
  );
  fs.rmSync(file, { force: true });
  if (result.status !== 0) throw new Error(`pgbench failed: ${result.stderr}`);
  const tps = Number(/tps = ([\d.]+)/.exec(result.stdout)?.[1]);
  const latency = Number(/latency average = ([\d.]+) ms/.exec(result.stdout)?.[1]);
  const failed = Number(/number of failed transactions: (\d+)/.exec(result.stdout)?.[1] ?? 0);
  const transactions = Number(/number of transactions actually processed: (\d+)/.exec(result.stdout)?.[1]);
  const row = {
    database: "PostgreSQL",
    scenario: "pgbench: one create transaction (SQL only)",
    requestsPerSecond: tps,
    p50: latency,
    p99: NaN,
    errors: failed,
    serverCpuMs: NaN,
    databaseCpuMs: database() / transactions,
  };
  console.log(formatRow(row));
  return row;
}

const rows: Row[] = [];
const ratios: string[] = [];
if (!fs.existsSync(path.join(".next", "BUILD_ID")) || !fs.existsSync(path.join(".next", "api-server.mjs"))) {
  console.log("building the app first...");
  const build = spawnSync("npm", ["run", "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) process.exit(1);
}
const find = (found: Row[], scenario: string) => found.find((row) => row.scenario === scenario)!;
const ratio = (a: Row, b: Row) => (a.requestsPerSecond / b.requestsPerSecond).toFixed(2);

if (DATABASES.includes("pglite")) {
  const pgliteDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-"));
  try {
    const app = await benchApp(
      "PGlite",
      { kind: "pglite", dir: path.join(pgliteDir, "db") },
      {
        PGLITE_DIR: path.join(pgliteDir, "db"),
        DATABASE_URL: "",
      },
    );
    const bare = await benchBare("PGlite", undefined, app.leads);
    rows.push(...bare, ...app.rows);
    ratios.push(
      `PGlite: GET /healthz / bare ping = ${ratio(find(app.rows, "app: GET /healthz"), find(bare, "bare node:http JSON ping"))}`,
    );
  } finally {
    fs.rmSync(pgliteDir, { recursive: true, force: true });
  }
}

const baseUrl = env().DATABASE_URL;
if (baseUrl && DATABASES.includes("postgres")) {
  const name = `switchboard_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl(baseUrl) });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = withDatabase(baseUrl, name);
  try {
    const app = await benchApp("PostgreSQL", { kind: "postgres", url }, { DATABASE_URL: url });
    const bare = await benchBare("PostgreSQL", url, app.leads);
    const bench = pgbench(url);
    rows.push(...bare, bench, ...app.rows);
    const get = find(app.rows, "app: get by contact");
    ratios.push(
      `PostgreSQL: GET /healthz / bare ping = ${ratio(find(app.rows, "app: GET /healthz"), find(bare, "bare node:http JSON ping"))}`,
    );
    ratios.push(
      `PostgreSQL: get by contact / bare node:http + pg = ${ratio(get, find(bare, "bare node:http + pg: key lookup, get by contact"))} (goal >= 0.50)`,
    );
    ratios.push(
      `PostgreSQL: create / pgbench = ${ratio(find(app.rows, "app: create v3, fresh leads"), bench)} (goal >= 0.60)`,
    );
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

console.log(
  `\n${CONNECTIONS} connections, ${DURATION} s each, open loop at ${RATE} req/s, ${os.cpus().length} cores, load generator on the same machine, load average ${os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(" ")}\n`,
);
console.log(
  "| database | scenario | req/s | p50 ms | p99 ms | errors | server CPU ms / request | PostgreSQL CPU ms / request |",
);
console.log("|---|---|---|---|---|---|---|---|");
for (const row of rows) console.log(formatRow(row));
console.log(`\n${ratios.join("\n")}`);
console.log(
  "(pgbench's p50 column is its average latency: it reports no percentiles. Open-loop latencies are corrected for coordinated omission.)",
);

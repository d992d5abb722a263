import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { systemClock } from "../lib/clock.ts";
import { openDatabase } from "../lib/db/client.ts";
import { provision } from "../lib/provision/load.ts";
import { CommandError } from "./cli.mts";

/** Fault drills: loopback servers of the production build on a scratch PostgreSQL database, bounded in time. */
export const DRILL_TOKEN = "drill-token-admin-0000000000000000000000";

export function drillOption(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? fallback : Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value <= 0) throw new CommandError(`--${name} must be a positive integer`);
  return value;
}

/** An org with one WABA of two phones, and `contacts` leads of which each pair shares a number. */
export async function provisionDrillOrg(url: string, contacts: number): Promise<{ id: string; phone: string }[]> {
  const leads = Array.from({ length: contacts }, (_, i) => ({ id: `c_drill_${i}`, crm_id: `DRILL-${i}`, phone_number: `+9190${String(Math.floor(i / 2)).padStart(8, "0")}` }));
  const database = await openDatabase({ kind: "postgres", url });
  await provision(
    database.db,
    {
      orgs: [
        {
          id: "org_drill",
          name: "Drill",
          wabas: [{ remote_waba_id: "waba_drill", name: "Drill", matrix_host_name: "matrix.drill", phones: [{ remote_phone_id: "ph_drill_1", display_phone_number: "+15550008881" }, { remote_phone_id: "ph_drill_2", display_phone_number: "+15550008882" }] }],
          users: [{ id: "u_drill_admin", email: "admin@drill.example", name: "Drill admin", role: "ADMIN" }],
          contacts: leads,
        },
      ],
      api_keys: [{ id: "k_drill", token: DRILL_TOKEN, user: "u_drill_admin" }],
    },
    systemClock,
  );
  await database.close();
  return leads.map((lead) => ({ id: lead.id, phone: lead.phone_number }));
}

export interface DrillServer {
  url: string;
  process: ChildProcess;
}

export async function startDrillServer(port: number, databaseUrl: string): Promise<DrillServer> {
  const child = spawn("node", [path.resolve("scripts/start.mjs")], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), LOG_LEVEL: "error", PROVISION_DEMO_WHEN_EMPTY: "0", SWEEP_INTERVAL_MS: "0", RATE_LIMIT_BURST: "1000000" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  for (let waited = 0; waited < 120_000; waited += 250) {
    if (child.exitCode !== null) throw new CommandError(`the server on ${port} exited with ${child.exitCode}`);
    if (await fetch(`${url}/readyz`).then((response) => response.ok, () => false)) return { url, process: child };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new CommandError(`the server on ${port} did not become ready within 120 s`);
}

export async function stopDrillServer(server: DrillServer, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (server.process.exitCode !== null || server.process.signalCode !== null) return;
  const exited = new Promise((resolve) => server.process.once("exit", resolve));
  process.kill(-server.process.pid!, signal);
  await exited;
}

/** A relaxed create for a lead: 200 with the room, 409 when the rules refuse, anything else an error. */
export async function createFor(server: DrillServer, leadId: string): Promise<{ status: number; chatroomId?: string }> {
  try {
    const answer = await fetch(`${server.url}/v3/org/org_drill/lead/chatroom`, {
      method: "POST",
      headers: { authorization: `Bearer ${DRILL_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ lead_id: leadId, fail_if_chatroom_exists_on_other_waba_phone: false }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await answer.json()) as { chatroom_id?: string };
    return { status: answer.status, chatroomId: answer.ok ? body.chatroom_id : undefined };
  } catch {
    return { status: 0 };
  }
}

/** I1 and I2 in the database: at most one open chatroom per (org, phone, number) and per contact. */
export async function invariantViolations(url: string): Promise<{ i1: number; i2: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const open = "deactivated_at is null and expired_at is null";
    const i1 = await client.query(`select count(*)::int as n from (select 1 from chatrooms where ${open} group by org_id, remote_phone_id, phone_number having count(*) > 1) as d`);
    const i2 = await client.query(`select count(*)::int as n from (select 1 from chatrooms where ${open} group by contact_id having count(*) > 1) as d`);
    return { i1: i1.rows[0].n, i2: i2.rows[0].n };
  } finally {
    await client.end();
  }
}

export async function existingChatrooms(url: string, ids: string[]): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const found = await client.query("select count(*)::int as n from chatrooms where id = any($1::text[])", [ids]);
    return found.rows[0].n;
  } finally {
    await client.end();
  }
}

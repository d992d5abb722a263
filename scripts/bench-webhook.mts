import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon, { type Result } from "autocannon";
import { count } from "drizzle-orm";
import { systemClock } from "../lib/clock.ts";
import { openDatabase, type DatabaseTarget } from "../lib/db/client.ts";
import { messages } from "../lib/db/schema.ts";
import { describeTarget } from "../lib/db/target.ts";
import { env } from "../lib/env.ts";
import { provision } from "../lib/provision/load.ts";
import { signWhatsAppBody } from "../lib/whatsapp/signature.ts";
import { createScratchDatabase } from "./bench-database.mts";
import { CommandError, runCommand } from "./cli.mts";

/**
 * `npm run bench:webhook -- [--port 3400] [--connections 32] [--duration 20] [--rooms 200] [--messages 1]`: webhook
 * deliveries per second against `next start` of the production build (run `npx next build` first). Uses a
 * throwaway database: a new one next to DATABASE_URL's when it is set, else a PGlite directory under /tmp.
 * Every delivery is signed and holds `messages` text messages, each with a new wamid, from the next of `rooms`
 * leads that each have an active chatroom; afterwards the stored messages are counted against the 200 answers.
 */
function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? fallback : Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value <= 0) throw new CommandError(`--${name} must be a positive integer`);
  return value;
}

async function waitUntilReady(baseUrl: string, server: { exitCode: number | null }): Promise<void> {
  for (let waited = 0; waited < 120_000; waited += 250) {
    if (server.exitCode !== null) throw new CommandError(`the server exited with code ${server.exitCode}`);
    const ready = await fetch(`${baseUrl}/readyz`).then((response) => response.ok, () => false);
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new CommandError("the server did not become ready within 120 s");
}

await runCommand(async () => {
  if (!fs.existsSync(".next/BUILD_ID")) throw new CommandError("no production build: run `npx next build` first");
  const port = option("port", 3400);
  const connections = option("connections", 32);
  const duration = option("duration", 20);
  const rooms = option("rooms", 200);
  const perDelivery = option("messages", 1);
  const baseUrl = `http://127.0.0.1:${port}`;
  const appSecret = randomBytes(32).toString("hex");
  const token = `bench-${randomBytes(24).toString("hex")}`;

  // A throwaway database: PostgreSQL next to DATABASE_URL's, or a PGlite directory.
  const postgresUrl = env().DATABASE_URL;
  const scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-webhook-"));
  const scratchDatabase = postgresUrl ? await createScratchDatabase(postgresUrl, `switchboard_bench_webhook_${process.pid}`) : undefined;
  const target: DatabaseTarget = scratchDatabase
    ? { kind: "postgres", url: scratchDatabase.url }
    : { kind: "pglite", dir: path.join(scratchDir, "pglite") };
  const serverEnv = target.kind === "postgres" ? { DATABASE_URL: target.url } : { DATABASE_URL: "", PGLITE_DIR: path.join(scratchDir, "pglite") };
  const dropDatabase = async () => {
    await scratchDatabase?.drop();
    fs.rmSync(scratchDir, { recursive: true, force: true });
  };

  const leads = Array.from({ length: rooms }, (_, i) => ({
    id: `c_bench_${i}`,
    crm_id: `BENCH-${i}`,
    phone_number: `+9180${String(i).padStart(8, "0")}`,
  }));
  try {
    const database = await openDatabase(target);
    await provision(
      database.db,
      {
        orgs: [
          {
            id: "org_bench",
            name: "Bench",
            wabas: [{ remote_waba_id: "waba_bench", name: "Bench", matrix_host_name: "matrix.bench", phones: [{ remote_phone_id: "ph_bench", display_phone_number: "+15550009999" }] }],
            users: [{ id: "u_bench_admin", email: "admin@bench.example", name: "Bench admin", role: "ADMIN" }],
            contacts: leads,
          },
        ],
        api_keys: [{ id: "k_bench", token, user: "u_bench_admin" }],
      },
      systemClock,
    );
    await database.close();

    const server = spawn(path.resolve("node_modules/.bin/next"), ["start", "-p", String(port)], {
      env: {
        ...process.env,
        ...serverEnv,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        LOG_LEVEL: "warn",
        WHATSAPP_APP_SECRET: appSecret,
        SWEEP_INTERVAL_MS: "0",
        PROVISION_DEMO_WHEN_EMPTY: "0",
        RATE_LIMIT_BURST: "1000000",
      },
      stdio: ["ignore", "inherit", "inherit"],
      detached: true,
    });
    const stopServer = async () => {
      if (server.exitCode !== null) return;
      const exited = new Promise((resolve) => server.once("exit", resolve));
      process.kill(-server.pid!, "SIGTERM");
      await exited;
    };
    let result: Result;
    let delivered = 0;
    try {
      await waitUntilReady(baseUrl, server);
      for (const lead of leads) {
        const created = await fetch(`${baseUrl}/v3/org/org_bench/lead/chatroom`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({ lead_id: lead.id }),
        });
        if (!created.ok) throw new CommandError(`creating a chatroom failed: ${created.status} ${await created.text()}`);
      }

      let sequence = 0;
      const signedDelivery = () => {
        delivered += 1;
        const batch = Array.from({ length: perDelivery }, () => {
          const lead = leads[sequence++ % leads.length]!;
          return {
            from: lead.phone_number.slice(1),
            id: `wamid.bench.${process.pid}.${sequence}`,
            timestamp: String(Math.floor(Date.now() / 1000)),
            type: "text",
            text: { body: `message ${sequence}` },
          };
        });
        const body = JSON.stringify({
          object: "whatsapp_business_account",
          entry: [
            {
              id: "waba_bench",
              changes: [
                {
                  field: "messages",
                  value: {
                    messaging_product: "whatsapp",
                    metadata: { display_phone_number: "15550009999", phone_number_id: "ph_bench" },
                    messages: batch,
                  },
                },
              ],
            },
          ],
        });
        return { body, headers: { "content-type": "application/json", "x-hub-signature-256": signWhatsAppBody(body, appSecret) } };
      };

      console.log(
        `webhook: ${connections} connections for ${duration} s against next start on ${describeTarget(target)}, ` +
          `${rooms} active chatrooms, ${perDelivery} message(s) per delivery`,
      );
      result = await autocannon({
        url: baseUrl,
        connections,
        duration,
        // Deliveries of many messages take seconds each under load; autocannon's 10 s default would cut them off.
        timeout: 120,
        requests: [{ method: "POST", path: "/webhooks/whatsapp", setupRequest: (request) => ({ ...request, ...signedDelivery() }) }],
      });
    } finally {
      await stopServer();
    }

    const reopened = await openDatabase(target);
    const [stored] = await reopened.db.select({ value: count() }).from(messages);
    await reopened.close();
    const ok = result.statusCodeStats?.["200"]?.count ?? 0;
    console.log(
      `${result.requests.total} deliveries in ${result.duration} s: ${result.requests.average.toFixed(0)} deliveries/s on average ` +
        `(latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms); ` +
        `status counts ${JSON.stringify(result.statusCodeStats)}, errors ${result.errors}, timeouts ${result.timeouts}`,
    );
    console.log(
      `check: ${stored!.value} messages stored for ${ok} answers 200 of ${perDelivery} message(s) each (${ok * perDelivery}); ` +
        `${delivered} deliveries sent; ${((ok * perDelivery) / result.duration).toFixed(0)} messages/s`,
    );
  } finally {
    await dropDatabase();
  }
});

import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { setAppClock } from "@/lib/app-clock";
import { AdjustableClock } from "@/lib/clock";
import { setAppDatabase } from "@/lib/db";
import { openDatabase, type Database } from "@/lib/db/client";
import { provision } from "@/lib/provision/load";
import { fixture, tokens } from "@/lib/testing/fixture";
import { startRouteServer, type TestServer } from "@/lib/testing/http";
import { captureLogs } from "@/lib/testing/logs";
import { createTestDatabase } from "@/lib/testing/postgres";
import { startTcpProxy, type TcpProxy } from "@/lib/testing/tcp-proxy";

/**
 * A database outage for real: the app's pool talks to PostgreSQL through a loopback proxy that the test
 * cuts (open connections dropped, new ones refused) and restores. PostgreSQL only: PGlite cannot go away.
 */
describe.skipIf(!inject("postgresUrl"))("a database outage", () => {
  let proxy: TcpProxy;
  let database: Database;
  let server: TestServer;
  let dropDatabase: () => Promise<void>;
  const logs = captureLogs({ echo: true });
  const logged = logs.lines;

  beforeAll(async () => {
    const created = await createTestDatabase(inject("postgresUrl"), inject("postgresTemplate"));
    dropDatabase = created.drop;
    const url = new URL(created.url);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.hostname = "127.0.0.1";
    url.port = String(proxy.port);
    database = await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 4 }, { migrate: false });
    setAppDatabase(database);
    setAppClock(new AdjustableClock());
    await provision(database.db, fixture, new AdjustableClock());
    server = await startRouteServer();
    // What the test checks is logged from here on.
    logged.length = 0;
  });
  afterAll(async () => {
    await server?.close();
    await proxy?.close();
    await database?.close();
    await dropDatabase?.();
  });

  const call = (path: string) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${tokens.adminA}` } });

  it("answers 503 UNAVAILABLE with Retry-After while it lasts, logs its start and its end once each, and recovers by itself", async () => {
    expect((await call("/v1/org/org_a/config")).status).toBe(200);
    await proxy.cut();
    const during = [];
    for (let i = 0; i < 12; i++) during.push(await call(i % 2 ? "/v1/org/org_a/config" : "/v1/org/org_a/chatrooms"));
    for (const answer of during) {
      expect(answer.status).toBe(503);
      expect(Number(answer.headers.get("retry-after"))).toBeGreaterThan(0);
      const body = await answer.json();
      expect(body).toMatchObject({ error_code: 5030001, error_message: "UNAVAILABLE", payload: {} });
      expect(JSON.stringify(body)).not.toMatch(/ECONN|127\.0\.0\.1|stack|terminated/i);
    }
    await proxy.restore();
    expect((await call("/v1/org/org_a/config")).status).toBe(200);
    expect((await call("/v1/org/org_a/chatrooms")).status).toBe(200);

    const outage = logged.filter((line) => String(line.message).startsWith("database"));
    expect(outage.map((line) => line.message)).toEqual(["database unreachable", "database reachable again"]);
    expect(outage[1]).toMatchObject({ refused_requests: 12 });
    expect(logged.some((line) => "stack" in line)).toBe(false);
  });
});

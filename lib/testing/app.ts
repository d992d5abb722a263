import { afterAll, beforeAll } from "vitest";
import { setAppClock } from "@/lib/app-clock";
import { AdjustableClock } from "@/lib/clock";
import { setAppDatabase } from "@/lib/db";
import { accounts } from "@/lib/db/schema";
import { provision } from "@/lib/provision/load";
import { openTestDatabase, type TestDatabase } from "./database";
import { fixture, fixtureAccounts, tokens } from "./fixture";
import { startRouteServer, type TestServer } from "./http";

export interface ApiAnswer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read whatever the API answered
  headers: Headers;
}

interface CallOptions {
  token?: string | null;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface TestApp {
  database: TestDatabase;
  clock: AdjustableClock;
  server: TestServer;
  call(method: string, path: string, options?: CallOptions): Promise<ApiAnswer>;
}

async function call(baseUrl: string, method: string, path: string, options: CallOptions = {}): Promise<ApiAnswer> {
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? tokens.adminA : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

/**
 * Opens a fresh database with the fixture provisioned, points the app at it with an adjustable clock, and
 * serves the route handlers over HTTP; for the duration of a test file.
 */
export function useTestApp(): TestApp {
  const app = {} as TestApp;
  beforeAll(async () => {
    app.database = await openTestDatabase();
    app.clock = new AdjustableClock();
    setAppDatabase(app.database);
    setAppClock(app.clock);
    await provision(app.database.db, fixture, app.clock);
    await app.database.db.insert(accounts).values([...fixtureAccounts]);
    app.server = await startRouteServer();
    app.call = (method, path, options) => call(app.server.url, method, path, options);
  });
  afterAll(async () => {
    await app.server?.close();
    await app.database?.close();
  });
  return app;
}

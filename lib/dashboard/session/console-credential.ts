import "server-only";
import { appClock } from "@/lib/app-clock";
import { getDatabase } from "@/lib/db";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { CONSOLE_KEY_TTL_MS, issueConsoleKey, renewConsoleKey } from "@/lib/dashboard/store";
import { consoleKey, setConsoleKey } from "@/lib/dashboard/session/runtime-secrets";

/** A refused credential is replaced at most this often, however many requests find it refused at once. */
const MIN_REFRESH_INTERVAL_MS = 5_000;

const stateKey = Symbol.for("switchboard.dashboard.console-credential");
type Holder = { [stateKey]?: { refreshing?: Promise<void>; lastRefresh: number } };

function state() {
  const holder = globalThis as Holder;
  holder[stateKey] ??= { lastRefresh: 0 };
  return holder[stateKey];
}

/** Renews this instance's key, or makes a new one when it cannot be renewed (it lapsed or was revoked). */
async function renewOrReplace(): Promise<void> {
  const { db } = await getDatabase();
  const now = appClock().now();
  const current = consoleKey();
  if (current && (await renewConsoleKey(db, current.id, now))) return;
  setConsoleKey(await issueConsoleKey(db, now));
  if (current) log("warn", "the dashboard's console key could not be renewed; made a new one", { key_id: current.id });
}

/**
 * This instance's console credential for its dashboard (when SWITCHBOARD_API_TOKEN is unset): a key made
 * at start, renewed while the process runs. Returns a function that stops renewing.
 */
export async function startConsoleCredential(): Promise<() => void> {
  await renewOrReplace();
  const timer = setInterval(() => {
    renewOrReplace().catch(() => undefined);
  }, CONSOLE_KEY_TTL_MS / 3);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * The API refused the credential: replace this instance's key (once for all the requests that found it
 * refused) and say whether a retry is worth it. A configured SWITCHBOARD_API_TOKEN is not ours to replace.
 */
export async function refreshConsoleCredential(): Promise<boolean> {
  if (env().SWITCHBOARD_API_TOKEN) return false;
  const current = state();
  if (!current.refreshing) {
    // By the app's clock, which the key's expiry follows: a moved test clock may lapse a new key at once.
    const now = appClock().now().getTime();
    if (now - current.lastRefresh >= 0 && now - current.lastRefresh < MIN_REFRESH_INTERVAL_MS) return false;
    current.lastRefresh = now;
    current.refreshing = renewOrReplace().finally(() => {
      current.refreshing = undefined;
    });
  }
  try {
    await current.refreshing;
    return true;
  } catch {
    return false;
  }
}

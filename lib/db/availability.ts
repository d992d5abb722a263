import { log } from "@/lib/log";
import { pgErrorCode } from "./sql";

/**
 * Whether the database is reachable, as the requests find it: a failure to reach it is an outage (503,
 * logged once when it starts), not a bug (500 with a stack per request); the next connection made ends it,
 * logged once with how many requests it refused.
 */

/** Connection exceptions (class 08), the server shutting down or starting, and no connection slot left. */
const UNREACHABLE_SQLSTATES = /^(08...|57P01|57P02|57P03|53300)$/;
const UNREACHABLE_SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EPIPE"]);
const UNREACHABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly/i;

export function isDatabaseUnreachable(error: unknown): boolean {
  if (UNREACHABLE_SQLSTATES.test(pgErrorCode(error) ?? "")) return true;
  for (let current: unknown = error; current; current = (current as { cause?: unknown }).cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && UNREACHABLE_SOCKET_CODES.has(code)) return true;
    const message = (current as { message?: unknown }).message;
    if (typeof message === "string" && UNREACHABLE_MESSAGES.test(message)) return true;
  }
  return false;
}

/** How long a client should wait before trying again during an outage. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

const stateKey = Symbol.for("switchboard.database.outage");
type Holder = { [stateKey]?: { since: number; refused: number } | null };

/** A request (or a sweep) could not reach the database: the first one of an outage logs it. */
export function noteDatabaseUnreachable(): void {
  const holder = globalThis as Holder;
  if (!holder[stateKey]) {
    holder[stateKey] = { since: Date.now(), refused: 0 };
    log("warn", "database unreachable", { retry_after_seconds: OUTAGE_RETRY_AFTER_SECONDS });
  }
  holder[stateKey].refused += 1;
}

/** A connection to the database was made: an outage, if there was one, is over. */
export function noteDatabaseReachable(): void {
  const holder = globalThis as Holder;
  const outage = holder[stateKey];
  if (!outage) return;
  holder[stateKey] = null;
  log("warn", "database reachable again", { refused_requests: outage.refused, duration_ms: Date.now() - outage.since });
}

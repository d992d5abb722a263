import "server-only";
import { randomBytes } from "node:crypto";
import { env } from "@/lib/env";

/**
 * Secrets the dashboard holds in memory only: this instance's console key (never written anywhere but as
 * a hash in api_keys) and the session secret generated when NEXTAUTH_SECRET is unset. Kept on globalThis
 * so that every bundle of the server process shares them.
 */
const holderKey = Symbol.for("switchboard.dashboard.secrets");
type Holder = { [holderKey]?: { consoleKey?: { id: string; token: string }; sessionSecret?: string } };

function holder() {
  const global = globalThis as Holder;
  global[holderKey] ??= {};
  return global[holderKey];
}

export function setConsoleKey(key: { id: string; token: string }): void {
  holder().consoleKey = key;
}

/** This instance's console key, when it made one. */
export function consoleKey(): { id: string; token: string } | undefined {
  return holder().consoleKey;
}

/** The token the API client sends: SWITCHBOARD_API_TOKEN, else this instance's console key. */
export function apiToken(): string | undefined {
  return env().SWITCHBOARD_API_TOKEN ?? holder().consoleKey?.token;
}

/** NEXTAUTH_SECRET, else one random secret for the life of this process (sessions end at restart). */
export function sessionSecret(): string {
  const configured = env().NEXTAUTH_SECRET;
  if (configured) return configured;
  const secrets = holder();
  secrets.sessionSecret ??= randomBytes(32).toString("base64url");
  return secrets.sessionSecret;
}

import type { Env } from "@/lib/env";
import type { DatabaseTarget } from "./client";

/** PostgreSQL when DATABASE_URL is set, else the embedded PGlite directory. */
export function databaseTarget(config: Pick<Env, "DATABASE_URL" | "PGLITE_DIR">): DatabaseTarget {
  return config.DATABASE_URL ? { kind: "postgres", url: config.DATABASE_URL } : { kind: "pglite", dir: config.PGLITE_DIR };
}

/** Where the data lives, for messages: never prints a password. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === "postgres") {
    const url = new URL(target.url);
    return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
  }
  return target.kind === "pglite" ? `embedded PGlite in ${target.dir}` : "in-memory PGlite";
}

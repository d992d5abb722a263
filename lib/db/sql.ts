import { sql, type Placeholder, type SQL } from "drizzle-orm";

/**
 * A timestamp parameter that both drivers bind the same way. A prepared statement's placeholder is bound to
 * the instant's ISO text.
 */
export function timestampParam(at: Date | Placeholder): SQL {
  return at instanceof Date ? sql`${at.toISOString()}::timestamptz` : sql`${at}::timestamptz`;
}

/** An ILIKE pattern matching `text` anywhere, with LIKE's wildcards in it taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Drizzle wraps driver errors; the PostgreSQL error code sits on the error or its cause. */
export function pgErrorCode(error: unknown): string | undefined {
  for (let current: unknown = error; current; current = (current as { cause?: unknown }).cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

export function pgConstraintName(error: unknown): string | undefined {
  for (let current: unknown = error; current; current = (current as { cause?: unknown }).cause) {
    const constraint = (current as { constraint?: unknown }).constraint;
    if (typeof constraint === "string") return constraint;
  }
  return undefined;
}

/** The rows of a raw `db.execute` result: both drivers answer `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

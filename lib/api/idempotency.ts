import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { idempotencyRecords } from "@/lib/db/schema";
import { ApiError } from "@/lib/errors";
import { findUnstorable } from "@/lib/storable-json";

const RETENTION_MS = 24 * 60 * 60 * 1000;
/** A request still "running" after this long died with its process; its key may be used again. */
const ABANDONED_MS = 5 * 60 * 1000;

/** What an Idempotency-Key is scoped by (docs/architecture.md): the principal, the method and the path, canonicalised. */
export interface IdempotencyScope {
  /** principalScope(): the user, partner, person or console, never the key. */
  principal: string;
  method: string;
  url: URL;
  key: string;
}

/**
 * The path as the API routes it: each segment decoded and encoded again (so `%6Frg_a` is `org_a`), no
 * trailing slash, and the query's parameters sorted by name.
 */
function canonicalPath(url: URL): string {
  const segments = url.pathname
    .split("/")
    .filter(Boolean)
    .map((segment) => {
      try {
        return encodeURIComponent(decodeURIComponent(segment));
      } catch {
        return segment;
      }
    });
  const query = new URLSearchParams(url.searchParams);
  query.sort();
  const search = query.toString();
  return `/${segments.join("/")}${search ? `?${search}` : ""}`;
}

/** A fixed-size key for the record, however long the path or the key: its index row always fits. */
function scopeHash(scope: IdempotencyScope): string {
  return createHash("sha256")
    .update(JSON.stringify([scope.principal, scope.method, canonicalPath(scope.url), scope.key]))
    .digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Bodies are compared as canonical JSON, or as raw bytes when they are not JSON. */
export function requestFingerprint(raw: string): string {
  let canonical = `raw:${raw}`;
  try {
    const value: unknown = raw.trim() === "" ? null : JSON.parse(raw);
    // Too deep to canonicalise (the request will be refused for it): its bytes are its identity.
    if (findUnstorable(value)?.problem !== "too_deep") canonical = `json:${canonicalJson(value)}`;
  } catch {
    // not JSON: compared as bytes
  }
  return createHash("sha256").update(canonical).digest("hex");
}

export type Claim = { kind: "claimed" } | { kind: "replay"; status: number; body: string };

/** Claims the key for this request, or answers with the stored first answer, or refuses (409). */
export async function claimIdempotencyKey(db: Db, scope: IdempotencyScope, fingerprint: string, now: Date): Promise<Claim> {
  const where = scopeWhere(scope);
  const inserted = await db
    .insert(idempotencyRecords)
    .values({ scopeHash: scopeHash(scope), requestHash: fingerprint, createdAt: now })
    .onConflictDoNothing()
    .returning({ key: idempotencyRecords.scopeHash });
  if (inserted.length > 0) return { kind: "claimed" };

  const [existing] = await db.select().from(idempotencyRecords).where(where);
  if (!existing) return claimIdempotencyKey(db, scope, fingerprint, now);
  const age = now.getTime() - existing.createdAt.getTime();
  const expired = age >= RETENTION_MS;
  const abandoned = existing.responseStatus === null && age >= ABANDONED_MS;
  if (expired || abandoned) {
    // Take the record over only if nobody else did in between.
    const taken = await db
      .update(idempotencyRecords)
      .set({ requestHash: fingerprint, responseStatus: null, responseBody: null, createdAt: now })
      .where(and(where, eq(idempotencyRecords.createdAt, existing.createdAt)))
      .returning({ key: idempotencyRecords.scopeHash });
    if (taken.length > 0) return { kind: "claimed" };
    return claimIdempotencyKey(db, scope, fingerprint, now);
  }
  if (existing.requestHash !== fingerprint) throw new ApiError("IDEMPOTENCY_KEY_REUSED", { idempotency_key: scope.key });
  if (existing.responseStatus === null) throw new ApiError("IDEMPOTENCY_KEY_IN_USE", { idempotency_key: scope.key });
  return { kind: "replay", status: existing.responseStatus, body: existing.responseBody ?? "" };
}

/** Stores the first answer (2xx and 4xx); a 5xx frees the key so that a retry does the work. */
export async function settleIdempotencyKey(db: Db, scope: IdempotencyScope, status: number, body: string): Promise<void> {
  const where = scopeWhere(scope);
  if (status >= 500) await db.delete(idempotencyRecords).where(where);
  else await db.update(idempotencyRecords).set({ responseStatus: status, responseBody: body }).where(where);
}

function scopeWhere(scope: IdempotencyScope) {
  return eq(idempotencyRecords.scopeHash, scopeHash(scope));
}

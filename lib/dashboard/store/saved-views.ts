import "server-only";
import { and, asc, count, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { accounts, savedViews } from "@/lib/db/schema";
import { pgConstraintName, pgErrorCode } from "@/lib/db/sql";

/**
 * The chatroom list's views a person saved: a name and the list's URL query (checked and made canonical by the
 * caller), per person and org. Every read and write names the account and the org, so a person reaches only
 * their own views.
 */
export interface SavedView {
  id: string;
  name: string;
  query: string;
}

/** Views one person may keep in one org: enough for real use, bounded against a script filling the table. */
export const MAX_SAVED_VIEWS = 50;

type Owner = { accountId: string; orgId: string };
export type SavedViewRefusal = "name_taken" | "too_many" | "not_found";
type SavedViewResult = { ok: true; view: SavedView } | { ok: false; reason: SavedViewRefusal };

const columns = { id: savedViews.id, name: savedViews.name, query: savedViews.query };
const toView = (row: { id: number; name: string; query: string }): SavedView => ({ ...row, id: String(row.id) });
const ownedBy = (owner: Owner) => and(eq(savedViews.accountId, owner.accountId), eq(savedViews.orgId, owner.orgId));

function isNameTaken(error: unknown): boolean {
  return pgErrorCode(error) === "23505" && pgConstraintName(error) === "saved_views_name_idx";
}

/** The person's views in the org, by name. */
export async function listSavedViews(db: Db, owner: Owner): Promise<SavedView[]> {
  const rows = await db
    .select(columns)
    .from(savedViews)
    .where(ownedBy(owner))
    .orderBy(asc(sql`lower(${savedViews.name})`), asc(savedViews.id));
  return rows.map(toView);
}

export async function createSavedView(
  db: Db,
  owner: Owner & { name: string; query: string; now: Date },
): Promise<SavedViewResult> {
  try {
    return await db.transaction(async (tx) => {
      // The account's row is the lock that makes the count and the insert one step under concurrent saves.
      await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, owner.accountId)).for("update");
      const [existing] = await tx.select({ count: count() }).from(savedViews).where(ownedBy(owner));
      if ((existing?.count ?? 0) >= MAX_SAVED_VIEWS) return { ok: false, reason: "too_many" } as const;
      const [row] = await tx
        .insert(savedViews)
        .values({
          accountId: owner.accountId,
          orgId: owner.orgId,
          name: owner.name,
          query: owner.query,
          createdAt: owner.now,
          updatedAt: owner.now,
        })
        .returning(columns);
      return { ok: true, view: toView(row!) } as const;
    });
  } catch (error) {
    if (isNameTaken(error)) return { ok: false, reason: "name_taken" };
    throw error;
  }
}

export async function renameSavedView(
  db: Db,
  owner: Owner & { id: number; name: string; now: Date },
): Promise<SavedViewResult> {
  try {
    const [row] = await db
      .update(savedViews)
      .set({ name: owner.name, updatedAt: owner.now })
      .where(and(ownedBy(owner), eq(savedViews.id, owner.id)))
      .returning(columns);
    return row ? { ok: true, view: toView(row) } : { ok: false, reason: "not_found" };
  } catch (error) {
    if (isNameTaken(error)) return { ok: false, reason: "name_taken" };
    throw error;
  }
}

/** False when the person has no such view in the org (someone else's counts as none). */
export async function deleteSavedView(db: Db, owner: Owner & { id: number }): Promise<boolean> {
  const deleted = await db
    .delete(savedViews)
    .where(and(ownedBy(owner), eq(savedViews.id, owner.id)))
    .returning({ id: savedViews.id });
  return deleted.length > 0;
}

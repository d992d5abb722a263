import { z } from "zod";
import { ApiError } from "@/lib/errors";

/** `cursor` and `limit` of every list (1-200, default 50). */
export const pageQuerySchema = z.object({
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Cursors are opaque to clients: base64url of the last row's sort key. */
export function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

/** The sort keys the lists put in their cursors: a time and an id, an id, or a row sequence number. */
export const timeCursorSchema = z.strictObject({ t: z.iso.datetime(), id: z.string().min(1).max(256) });
export const idCursorSchema = z.strictObject({ id: z.string().min(1).max(256) });
export const sequenceCursorSchema = z.strictObject({ id: z.int().nonnegative() });

/** A cursor this API gave, read back with the shape its list gives it; anything else is a 400. */
export function decodeCursor<S extends z.ZodType>(cursor: string | undefined, schema: S): z.output<S> | undefined {
  if (!cursor) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    value = undefined;
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ApiError("VALIDATION_FAILED", { issues: [{ path: "query.cursor", message: "is not a cursor this API gave" }] });
}

/** The shape of every list answer. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), next_cursor: z.string().nullable() });
}

/** Cuts the `limit + 1` rows a list query fetched into a page and the cursor after its last row. */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  present: (row: Row) => Item,
  cursorOf: (last: Row) => Record<string, unknown>,
): { items: Item[]; next_cursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map(present), next_cursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null };
}

import "server-only";
import { env } from "@/lib/env";
import { openDatabase, type Database } from "./client";
import { databaseTarget } from "./target";

const globalKey = Symbol.for("switchboard.database");
type Holder = { [globalKey]?: Promise<Database> };

/**
 * The app's database, opened lazily on first use (never at import, so `next build` does not touch it) and
 * migrated. Kept on globalThis so that every bundle of the server shares one PGlite handle.
 */
export function getDatabase(): Promise<Database> {
  const holder = globalThis as Holder;
  holder[globalKey] ??= (() => {
    const opening = openDatabase(databaseTarget(env()));
    opening.catch(() => delete holder[globalKey]);
    return opening;
  })();
  return holder[globalKey];
}

/** Makes the app use an already opened database (tests, or an embedding server). */
export function setAppDatabase(database: Database): void {
  (globalThis as Holder)[globalKey] = Promise.resolve(database);
}

import type { Db } from "./client";

/**
 * A value kept for each database handle, made on its first use: tests run several apps in one process, each
 * on a database of its own, so nothing built for one database may serve another.
 */
export function perDatabase<T>(make: (db: Db) => T): (db: Db) => T {
  const values = new WeakMap<Db, T>();
  return (db) => {
    let value = values.get(db);
    if (value === undefined) values.set(db, (value = make(db)));
    return value;
  };
}

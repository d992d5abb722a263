import type { Clock } from "@/lib/clock";
import type { Db } from "@/lib/db/client";

/** What every domain operation needs: the database (or a transaction) and the clock. */
export interface Services {
  db: Db;
  clock: Clock;
}

import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { statsCounts } from "@/lib/db/schema";
import { rowsOf } from "@/lib/db/sql";

const DEFAULT_FOLD_BATCH_SIZE = 5_000;

/**
 * Folds the delta rows the triggers wrote into stats_counts (migration stats_rollup_triggers) into one row
 * per figure, `batchSize` figures per statement, so that reading a figure costs one row whatever the
 * traffic since. Each statement deletes the rows it folds and inserts their sum (none when it is 0), so a
 * reader sees either all of them or the sum; two sweepers at once never fold a row twice, since a row
 * another one deleted first is skipped. Returns how many rows were folded.
 */
export async function foldStatsCounts(db: Db, options: { batchSize?: number } = {}): Promise<number> {
  const batchSize = options.batchSize ?? DEFAULT_FOLD_BATCH_SIZE;
  let folded = 0;
  for (;;) {
    const result = await db.execute(sql`
      with figures as (
        select ${statsCounts.orgId} as org_id, ${statsCounts.metric} as metric, ${statsCounts.hour} as hour, ${statsCounts.key} as key
        from ${statsCounts} group by 1, 2, 3, 4 having count(*) > 1 limit ${batchSize}
      ), taken as (
        delete from ${statsCounts} using figures
        where ${statsCounts.orgId} = figures.org_id and ${statsCounts.metric} = figures.metric
          and ${statsCounts.hour} is not distinct from figures.hour and ${statsCounts.key} = figures.key
        returning ${statsCounts.orgId} as org_id, ${statsCounts.metric} as metric, ${statsCounts.hour} as hour, ${statsCounts.key} as key, ${statsCounts.n} as n
      ), summed as (
        insert into ${statsCounts} (org_id, metric, hour, key, n)
        select org_id, metric, hour, key, sum(n)::int from taken group by 1, 2, 3, 4 having sum(n) <> 0
      )
      select count(*)::int as rows, (select count(*)::int from figures) as figures from taken`);
    const [row] = rowsOf<{ rows: number; figures: number }>(result);
    folded += row?.rows ?? 0;
    if ((row?.figures ?? 0) < batchSize) return folded;
  }
}

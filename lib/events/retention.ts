import { sql } from "drizzle-orm";
import { events, webhookDeliveries } from "@/lib/db/schema";
import { rowsOf, timestampParam } from "@/lib/db/sql";
import type { Services } from "@/lib/services";

const DEFAULT_PURGE_BATCH = 5_000;

export interface PurgeResult {
  events: number;
  deliveries: number;
}

/**
 * Retention (EVENT_RETENTION_DAYS): deletes, in batches of one short statement each, settled delivery
 * records made before the cutoff (by the injected clock, which dates them) and events the database stored
 * before it (by the database's clock, which dates them: a lapse's event is dated at its deadline, however
 * late it was written out). An event with a delivery still pending is kept until that delivery settles.
 */
export async function purgeOldEvents(
  services: Services,
  options: { retentionDays: number; batchSize?: number },
): Promise<PurgeResult> {
  const batchSize = options.batchSize ?? DEFAULT_PURGE_BATCH;
  const cutoff = timestampParam(new Date(services.clock.now().getTime() - options.retentionDays * 24 * 60 * 60 * 1000));
  const result: PurgeResult = { events: 0, deliveries: 0 };
  for (;;) {
    const deleted = rowsOf<{ n: number | string }>(
      await services.db.execute(sql`
        with gone as (
          delete from ${webhookDeliveries} where id in (
            select id from ${webhookDeliveries}
            where ${webhookDeliveries.createdAt} < ${cutoff} and ${webhookDeliveries.status} <> 'pending'
            limit ${batchSize})
          returning 1)
        select count(*) as n from gone`),
    );
    const n = Number(deleted[0]!.n);
    result.deliveries += n;
    if (n < batchSize) break;
  }
  for (;;) {
    const deleted = rowsOf<{ n: number | string }>(
      await services.db.execute(sql`
        with gone as (
          delete from ${events} where id in (
            select e.id from ${events} e
            where e.recorded_at < now() - make_interval(days => ${options.retentionDays})
              and not exists (select 1 from ${webhookDeliveries} d where d.event_id = e.id and d.status = 'pending')
            limit ${batchSize})
          returning 1)
        select count(*) as n from gone`),
    );
    const n = Number(deleted[0]!.n);
    result.events += n;
    if (n < batchSize) return result;
  }
}

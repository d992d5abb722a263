import { purgeBookkeeping } from "../lib/bookkeeping/purge.ts";
import { sweepLapsedChatrooms } from "../lib/chatrooms/sweeper.ts";
import { env } from "../lib/env.ts";
import { systemClock } from "../lib/clock.ts";
import { purgeOldEvents } from "../lib/events/retention.ts";
import { CommandError, openDatabaseFromEnv, runCommand } from "./cli.mts";

/**
 * `npm run sweep [-- --batch-size N]`: closes every overdue chatroom once, purges the bookkeeping nobody
 * reads again (see lib/bookkeeping/purge.ts) and the events and webhook deliveries past EVENT_RETENTION_DAYS,
 * and exits (for cron). Safe beside running servers on PostgreSQL; the embedded database's lock refuses it
 * while a server holds the directory.
 */
await runCommand(async () => {
  const flag = process.argv.indexOf("--batch-size");
  const batchSize = flag === -1 ? undefined : Number(process.argv[flag + 1]);
  if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0)) {
    throw new CommandError("usage: npm run sweep [-- --batch-size <positive integer>]");
  }
  const database = await openDatabaseFromEnv();
  try {
    const started = performance.now();
    const services = { db: database.db, clock: systemClock };
    const result = await sweepLapsedChatrooms(services, { batchSize });
    const purged = await purgeBookkeeping(services, { conflictRetentionDays: env().CONFLICT_RETENTION_DAYS, batchSize });
    const seconds = (performance.now() - started) / 1000;
    console.log(`closed ${result.closed} overdue chatroom(s) in ${result.batches} batch(es), ${seconds.toFixed(2)} s`);
    console.log(
      `purged ${purged.rateLimitBuckets} refilled rate-limit bucket(s), ${purged.idempotencyRecords} idempotency record(s) past 24 h, ` +
        `${purged.conflictEntries} conflict log entr(ies) past ${env().CONFLICT_RETENTION_DAYS} days, ${purged.consoleKeys} lapsed console key(s), ${purged.revokedSessions} revoked session(s) past expiry; folded ${purged.statsRowsFolded} overview counter row(s)`,
    );
    const events = await purgeOldEvents(services, { retentionDays: env().EVENT_RETENTION_DAYS, batchSize });
    console.log(`purged ${events.events} event(s) and ${events.deliveries} webhook delivery record(s) older than ${env().EVENT_RETENTION_DAYS} days`);
  } finally {
    await database.close();
  }
});

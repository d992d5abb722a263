import { sql } from "drizzle-orm";
import { sweepLapsedChatrooms } from "../lib/chatrooms/sweeper.ts";
import { systemClock } from "../lib/clock.ts";
import { openDatabase } from "../lib/db/client.ts";
import { rowsOf } from "../lib/db/sql.ts";
import { env } from "../lib/env.ts";
import { createScratchDatabase } from "./bench-database.mts";
import { CommandError, runCommand } from "./cli.mts";

/**
 * `npm run bench:sweep -- [--rooms N] [--workers W] [--batch-size B]`: creates a throwaway database next to
 * DATABASE_URL's, fills it with N chatrooms all past their inactivity deadline (generated in SQL), lets W
 * sweepers close them at once, checks that each was closed once with one audit event, prints rooms per
 * second and drops the database.
 */
function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? fallback : Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value <= 0) throw new CommandError(`--${name} must be a positive integer`);
  return value;
}

await runCommand(async () => {
  const url = env().DATABASE_URL;
  if (!url) throw new CommandError("set DATABASE_URL to a PostgreSQL server (the role needs CREATEDB)");
  const rooms = option("rooms", 1_000_000);
  const workers = option("workers", 2);
  const batchSize = option("batch-size", 5_000);
  const name = `switchboard_bench_sweep_${process.pid}`;

  const scratch = await createScratchDatabase(url, name);
  try {
    const database = await openDatabase({ kind: "postgres", url: scratch.url, poolSize: workers + 1 });
    try {
      const { db } = database;
      console.log(`generating ${rooms} overdue chatrooms in ${name} ...`);
      const generating = performance.now();
      await db.execute(sql`insert into orgs (id, name) values ('org_bench', 'Bench')`);
      await db.execute(sql`insert into wabas (remote_waba_id, org_id, name, matrix_host_name) values ('waba_bench', 'org_bench', 'Bench', 'matrix.bench')`);
      await db.execute(sql`insert into waba_phones (remote_phone_id, org_id, remote_waba_id, display_phone_number, position)
        values ('ph_bench', 'org_bench', 'waba_bench', '+15550000000', 0)`);
      await db.execute(sql`insert into contacts (id, org_id, crm_id, phone_number)
        select 'c_' || i, 'org_bench', 'CRM-' || i, '+9' || lpad(i::text, 11, '0') from generate_series(1, ${rooms}) as i`);
      // Created 8 to 9 days ago with the default 7 inactivity days: every room is past its deadline, none expired.
      await db.execute(sql`insert into chatrooms (id, org_id, contact_id, remote_phone_id, phone_number, display_name,
          display_name_derived, external_ref_id, history_visibility, created_at, last_activity_at, expiry_ts, inactivity_deadline)
        select 'cr_' || i, 'org_bench', 'c_' || i, 'ph_bench', '+9' || lpad(i::text, 11, '0'), 'CRM-' || i, true,
          '!' || i || ':matrix.bench', 'shared', created, created, created + interval '30 days', created + interval '7 days'
        from (select i, now() - interval '8 days' - (i % 86400) * interval '1 second' as created
              from generate_series(1, ${rooms}) as i) as generated`);
      await db.execute(sql`analyze contacts, chatrooms`);
      console.log(`generated in ${((performance.now() - generating) / 1000).toFixed(1)} s`);

      const started = performance.now();
      const results = await Promise.all(
        Array.from({ length: workers }, () => sweepLapsedChatrooms({ db, clock: systemClock }, { batchSize })),
      );
      const seconds = (performance.now() - started) / 1000;
      const closed = results.reduce((sum, result) => sum + result.closed, 0);

      const [check] = rowsOf<{ open: string; events: string; rooms_with_events: string }>(
        await db.execute(sql`select
          (select count(*) from chatrooms where deactivated_at is null) as open,
          (select count(*) from audit_events where action = 'chatroom.deactivated') as events,
          (select count(distinct chatroom_id) from audit_events where action = 'chatroom.deactivated') as rooms_with_events`),
      );
      console.log(
        `closed ${closed} chatrooms with ${workers} sweeper(s), batches of ${batchSize}: ${seconds.toFixed(2)} s, ` +
          `${Math.round(closed / seconds)} rooms/s (per sweeper: ${results.map((result) => result.closed).join(", ")})`,
      );
      console.log(`check: ${check!.open} still open, ${check!.events} audit events for ${check!.rooms_with_events} rooms`);
      if (Number(check!.open) !== 0 || Number(check!.events) !== rooms || Number(check!.rooms_with_events) !== rooms) {
        throw new CommandError("the check failed: not every room was closed exactly once with one event");
      }
    } finally {
      await database.close();
    }
  } finally {
    await scratch.drop();
  }
});

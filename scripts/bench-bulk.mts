import { parseArgs } from "node:util";
import pg from "pg";
import { env } from "../lib/env.ts";
import { CommandError, runCommand } from "./cli.mts";
import { megabytes, sampleRss, treeRss } from "./process-memory.mts";

/**
 * Runs one bulk reassignment job over every active chatroom of an org on a running server and follows it to
 * its end: the time to choose the rooms, the job's rate, the serving process's memory (resident set of it and
 * its children, every 100 ms) and the longest transaction open on the database meanwhile (pg_stat_activity,
 * every 50 ms), which bounds how long any lock was held. Data: `scripts/generate-chatrooms.mts`, whose active
 * rooms are assigned to the org's agents 1 to 3; the job moves them to `--user` (rooms it holds already are
 * skipped as unchanged).
 *
 *   npx tsx scripts/bench-bulk.mts --url http://127.0.0.1:3000 --pid 12345 --org org_perf \
 *     --token <an ADMIN's API key of the org> --user org_perf_u_1
 */
await runCommand(async () => {
  const { values } = parseArgs({
    options: {
      url: { type: "string" },
      pid: { type: "string" },
      org: { type: "string" },
      token: { type: "string" },
      user: { type: "string" },
    },
  });
  const base = values.url ?? "http://127.0.0.1:3000";
  const pid = Number(values.pid);
  if (!values.org || !values.token || !values.user || !Number.isInteger(pid)) {
    throw new CommandError("--org, --token, --user and --pid (the server's process id) are required");
  }
  const databaseUrl = env().DATABASE_URL;
  if (!databaseUrl) throw new CommandError("set DATABASE_URL to the server's PostgreSQL database");
  const headers = { authorization: `Bearer ${values.token}`, "content-type": "application/json" };
  const orgPath = `${base}/v1/org/${encodeURIComponent(values.org)}`;

  const monitor = new pg.Client({ connectionString: databaseUrl });
  await monitor.connect();
  let longestTransactionMs = 0;
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      const { rows } = await monitor.query<{ ms: number | null }>(
        `select extract(epoch from max(clock_timestamp() - xact_start)) * 1000 as ms from pg_stat_activity
         where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`,
      );
      longestTransactionMs = Math.max(longestTransactionMs, Number(rows[0]?.ms ?? 0));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();

  const memory = sampleRss(pid);
  try {
    const started = performance.now();
    const created = await fetch(`${orgPath}/chatrooms/bulk`, {
      method: "POST",
      headers,
      body: JSON.stringify({ filter: { status: "active" }, action: "reassign", params: { assign_details: { assign_mode: "USER", user_id: values.user } } }),
    });
    const job = (await created.json()) as { bulk_id: string; total: number };
    if (!created.ok) throw new CommandError(`creating the job answered ${created.status}: ${JSON.stringify(job)}`);
    const chosenMs = performance.now() - started;
    console.log(`job ${job.bulk_id}: ${job.total} rooms chosen in ${chosenMs.toFixed(0)} ms`);

    let progress: { status: string; done: number; skipped: number; failed: number; skip_reasons: Record<string, number> };
    let lastPrinted = 0;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const polled = await fetch(`${base}/v1/org/${encodeURIComponent(values.org)}/bulk/${job.bulk_id}?limit=1`, { headers });
      progress = await polled.json();
      if (polled.status !== 200) throw new CommandError(`polling answered ${polled.status}: ${JSON.stringify(progress)}`);
      const processed = progress.done + progress.skipped + progress.failed;
      if (performance.now() - lastPrinted > 10_000) {
        lastPrinted = performance.now();
        console.log(`  ${((performance.now() - started) / 1000).toFixed(0)} s: ${processed}/${job.total}, RSS ${megabytes(treeRss(pid))}`);
      }
      if (!["queued", "running"].includes(progress.status)) break;
    }
    const seconds = (performance.now() - started) / 1000;
    const processed = progress.done + progress.skipped + progress.failed;
    console.log(
      `${progress.status}: ${progress.done} done, ${progress.skipped} skipped ${JSON.stringify(progress.skip_reasons)}, ${progress.failed} failed, in ${seconds.toFixed(1)} s (${Math.round(processed / seconds)} rooms/s)`,
    );
  } finally {
    const peak = memory.stop();
    watching = false;
    await watcher;
    await monitor.end();
    console.log(`server RSS ${megabytes(memory.before)} before, peak ${megabytes(peak)}; longest open transaction ${longestTransactionMs.toFixed(0)} ms`);
  }
});

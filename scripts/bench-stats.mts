import { parseArgs } from "node:util";
import { CommandError, runCommand } from "./cli.mts";

/**
 * Times `GET /v1/org/{orgId}/stats` (the overview's figures, default period) on a running server: a few
 * warm-up requests, then N in a row, one at a time; prints min, median, p95 and max in milliseconds.
 *
 *   npx tsx scripts/bench-stats.mts --url http://127.0.0.1:3000 --org org_perf_1m --token <an API key of the org> [--requests 20]
 */
await runCommand(async () => {
  const { values } = parseArgs({
    options: { url: { type: "string" }, org: { type: "string" }, token: { type: "string" }, requests: { type: "string" } },
  });
  const base = values.url ?? "http://127.0.0.1:3000";
  if (!values.org || !values.token) throw new CommandError("--org and --token are required");
  const requests = Number(values.requests ?? "20");
  if (!Number.isInteger(requests) || requests < 1) throw new CommandError("--requests must be a positive integer");
  const url = `${base}/v1/org/${encodeURIComponent(values.org)}/stats`;
  const once = async () => {
    const started = performance.now();
    const response = await fetch(url, { headers: { authorization: `Bearer ${values.token}` } });
    const body = await response.text();
    if (response.status !== 200) throw new CommandError(`the server answered ${response.status}: ${body.slice(0, 300)}`);
    return { ms: performance.now() - started, body };
  };
  for (let warmUp = 0; warmUp < 3; warmUp++) await once();
  const times: number[] = [];
  let last = "";
  for (let index = 0; index < requests; index++) {
    const { ms, body } = await once();
    times.push(ms);
    last = body;
  }
  times.sort((a, b) => a - b);
  const at = (share: number) => times[Math.min(times.length - 1, Math.max(0, Math.ceil(share * times.length) - 1))]!.toFixed(1);
  const counts = (JSON.parse(last) as { counts: Record<string, number> }).counts;
  console.log(`counts: ${JSON.stringify(counts)}`);
  console.log(`${requests} requests: min ${at(0)} ms, median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`);
});

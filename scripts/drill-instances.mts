import { env } from "../lib/env.ts";
import { createScratchDatabase } from "./bench-database.mts";
import { CommandError, runCommand } from "./cli.mts";
import { createFor, drillOption, invariantViolations, provisionDrillOrg, startDrillServer, stopDrillServer } from "./drill-support.mts";

/**
 * `npm run drill:instances -- [--port 3420] [--seconds 20] [--workers 16]`: two instances of the production
 * build on one scratch PostgreSQL database, relaxed creates for leads who share numbers split across both
 * (each pair's two leads on different instances); then I1 and I2 must hold, and both instances must still
 * answer. Loopback only; bounded by --seconds. Not part of CI.
 */
await runCommand(async () => {
  const url = env().DATABASE_URL;
  if (!url) throw new CommandError("the drill runs on PostgreSQL: set DATABASE_URL (a scratch database is made next to it)");
  const port = drillOption("port", 3420);
  const seconds = drillOption("seconds", 20);
  const workers = drillOption("workers", 16);
  const scratch = await createScratchDatabase(url, `switchboard_drill_instances_${process.pid}`);
  try {
    const leads = await provisionDrillOrg(scratch.url, 2_000);
    const servers = [await startDrillServer(port, scratch.url), await startDrillServer(port + 1, scratch.url)];
    const statuses: Record<string, number>[] = [{}, {}];
    let next = 0;
    const deadline = Date.now() + seconds * 1000;
    const load = async () => {
      while (Date.now() < deadline && next < leads.length) {
        const index = next++;
        // The two leads of a number go to different instances, so the instances contend for each number.
        const instance = index % 2;
        const answer = await createFor(servers[instance]!, leads[index]!.id);
        statuses[instance]![answer.status] = (statuses[instance]![answer.status] ?? 0) + 1;
      }
    };
    await Promise.all(Array.from({ length: workers }, load));
    const stillAnswering = await Promise.all(servers.map((server) => fetch(`${server.url}/readyz`).then((response) => response.ok, () => false)));
    for (const server of servers) await stopDrillServer(server);
    const violations = await invariantViolations(scratch.url);
    console.log(
      `drill:instances: ${next} creates; instance A answered ${JSON.stringify(statuses[0])}, instance B ${JSON.stringify(statuses[1])}; ` +
        `both answering at the end: ${stillAnswering.every(Boolean)}; I1 violations ${violations.i1}, I2 violations ${violations.i2}`,
    );
    if (!stillAnswering.every(Boolean) || violations.i1 + violations.i2 > 0) throw new CommandError("drill failed");
  } finally {
    await scratch.drop();
  }
});

import { env } from "../lib/env.ts";
import { createScratchDatabase } from "./bench-database.mts";
import { CommandError, runCommand } from "./cli.mts";
import { createFor, drillOption, existingChatrooms, invariantViolations, provisionDrillOrg, startDrillServer, stopDrillServer } from "./drill-support.mts";

/**
 * `npm run drill:kill -- [--port 3410] [--seconds 20] [--workers 16]`: creates under load against the
 * production build on a scratch PostgreSQL database, `kill -9` of the server half-way, a restart, more
 * load; then every chatroom the server acknowledged (200) must exist, and I1 and I2 must hold. Loopback only;
 * bounded by --seconds. Not part of CI.
 */
await runCommand(async () => {
  const url = env().DATABASE_URL;
  if (!url) throw new CommandError("the drill runs on PostgreSQL: set DATABASE_URL (a scratch database is made next to it)");
  const port = drillOption("port", 3410);
  const seconds = drillOption("seconds", 20);
  const workers = drillOption("workers", 16);
  const scratch = await createScratchDatabase(url, `switchboard_drill_kill_${process.pid}`);
  try {
    const leads = await provisionDrillOrg(scratch.url, 2_000);
    let server = await startDrillServer(port, scratch.url);
    const acknowledged: string[] = [];
    const statuses: Record<string, number> = {};
    let next = 0;
    const deadline = Date.now() + seconds * 1000;
    const load = async () => {
      while (Date.now() < deadline && next < leads.length) {
        const answer = await createFor(server, leads[next++]!.id);
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        if (answer.chatroomId) acknowledged.push(answer.chatroomId);
        if (answer.status === 0) await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };
    const running = Promise.all(Array.from({ length: workers }, load));
    await new Promise((resolve) => setTimeout(resolve, (seconds * 1000) / 2));
    const killedAt = acknowledged.length;
    await stopDrillServer(server, "SIGKILL");
    const restartStarted = Date.now();
    server = await startDrillServer(port, scratch.url);
    const restartSeconds = (Date.now() - restartStarted) / 1000;
    await running;
    await stopDrillServer(server);

    const found = await existingChatrooms(scratch.url, acknowledged);
    const violations = await invariantViolations(scratch.url);
    console.log(
      `drill:kill: ${acknowledged.length} chatrooms acknowledged (${killedAt} before kill -9), ${found} found after the restart; ` +
        `restart took ${restartSeconds.toFixed(1)} s; answers ${JSON.stringify(statuses)} (0: connection refused or cut); ` +
        `I1 violations ${violations.i1}, I2 violations ${violations.i2}`,
    );
    if (found !== acknowledged.length || violations.i1 + violations.i2 > 0) throw new CommandError("drill failed: an acknowledged write was lost or an invariant broke");
  } finally {
    await scratch.drop();
  }
});

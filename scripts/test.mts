import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * `npm test`: typecheck, lint (boundaries and unused code included), Vitest on PGlite, a production build, a
 * production start with the production dependencies only, and Playwright against the build. With DATABASE_URL
 * set, Vitest and Playwright run a second time on PostgreSQL, so one run covers both databases without
 * repeating the steps they share.
 *
 * The steps run in stages; a stage's lanes run side by side, each lane's steps one after another, and the
 * first failing step stops the run. Side by side because most steps leave a core idle: a Playwright run with
 * its one worker waits on its server and browser, and used about half of one core on the 2-core machine.
 * The browser tests on PGlite are split into E2E_SHARDS runs (default 2), each with a server, a port and a
 * data directory of its own.
 */
const bin = (name: string) => path.join("node_modules", ".bin", name);
const baseEnv: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const databaseUrl = process.env.DATABASE_URL;
const onPglite = { ...baseEnv };
delete onPglite.DATABASE_URL;

interface Step {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}
type Lane = Step[];
interface Stage {
  /** Printed when the stage starts; `.ci/run` waits for the browser tests' title to start work beside them. */
  title: string;
  lanes: Lane[];
}

// On CI the tests run in a shuffled order (files and tests), so that none comes to depend on another's state;
// the seed is printed so that a failing order can be run again.
const vitestArgs = ["run"];
if (process.env.CI) {
  const seed = process.env.VITEST_SEED ?? String(Date.now() % 1_000_000_000);
  vitestArgs.push("--sequence.shuffle", `--sequence.seed=${seed}`);
  console.log(`Vitest runs in shuffled order with seed ${seed} (again: npx vitest run --sequence.shuffle --sequence.seed=${seed})`);
}

// Each browser run's server takes E2E_PORT + 10 × its number; a test's extra servers take the ports just above
// (e2e/servers.ts extraPort), so the runs' ports never meet.
const e2eBasePort = Number(process.env.E2E_PORT ?? 3217);
const shards = Math.max(1, Number(process.env.E2E_SHARDS ?? 2));
const e2ePort = (run: number) => String(e2eBasePort + 10 * run);

const browserLanes: Lane[] = Array.from({ length: shards }, (_, index) => [
  {
    name: shards > 1 ? `browser tests on PGlite, shard ${index + 1} of ${shards}` : "browser tests on PGlite",
    command: bin("playwright"),
    args: shards > 1 ? ["test", `--shard=${index + 1}/${shards}`] : ["test"],
    env: { ...onPglite, E2E_PORT: e2ePort(index) },
  },
]);
if (databaseUrl) {
  // Only the specs whose paths differ by database (playwright.config.ts lists them).
  browserLanes.push([
    {
      name: "browser tests on PostgreSQL",
      command: bin("playwright"),
      args: ["test"],
      env: { ...baseEnv, E2E_DATABASE_SPECS_ONLY: "1", E2E_PORT: e2ePort(shards) },
    },
  ]);
}

const stages: Stage[] = [
  {
    title: "checks",
    lanes: [
      [{ name: "typecheck", command: bin("tsc"), args: ["--noEmit"] }],
      [{ name: "lint", command: bin("eslint"), args: ["--max-warnings", "0", "."] }],
      [{ name: "unused code", command: bin("knip"), args: [] }],
    ],
  },
  {
    title: "integration tests and the production build",
    lanes: [
      [{ name: "unit and integration tests on PGlite", command: bin("vitest"), args: vitestArgs, env: onPglite }],
      ...(databaseUrl ? [[{ name: "integration tests on PostgreSQL", command: bin("vitest"), args: vitestArgs, env: baseEnv }]] : []),
      [
        { name: "production build", command: bin("next"), args: ["build"], env: { ...baseEnv, NODE_ENV: "production" } },
        { name: "API bundle of the production server", command: bin("tsx"), args: ["scripts/build-api.mts"], env: baseEnv },
        { name: "production start without dev dependencies", command: bin("tsx"), args: ["scripts/check-production-start.mts"], env: onPglite },
      ],
    ],
  },
  { title: "browser tests", lanes: browserLanes },
];

const logDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-test-"));
const running = new Set<number>();
let failed = false;

/** Runs one step; beside other lanes its output goes to a file, printed whole when the step ends. */
function runStep(step: Step, alone: boolean): Promise<boolean> {
  const started = Date.now();
  const logFile = path.join(logDir, `${step.name.replace(/[^a-z0-9]+/gi, "-")}.log`);
  const log = alone ? null : fs.openSync(logFile, "w");
  if (!alone) console.log(`--- ${step.name} started`);
  const child = spawn(step.command, step.args, {
    env: step.env ?? baseEnv,
    stdio: alone ? "inherit" : ["ignore", log!, log!],
    // Its own process group, so that a failure elsewhere stops it with everything it started.
    detached: true,
  });
  running.add(child.pid!);
  return new Promise((resolve) => {
    child.on("exit", (code, signal) => {
      running.delete(child.pid!);
      if (log !== null) fs.closeSync(log);
      if (failed && code !== 0) return resolve(false);
      if (log !== null) {
        console.log(`\n=== ${step.name} ===`);
        process.stdout.write(fs.readFileSync(logFile));
      }
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const passed = code === 0;
      console.log(passed ? `=== ${step.name} passed in ${seconds} s ===` : `\n=== ${step.name} failed after ${seconds} s (${signal ?? `exit ${code}`}) ===`);
      resolve(passed);
    });
  });
}

function stopAll(): void {
  for (const pid of running) {
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      // Already gone.
    }
  }
}

process.on("SIGINT", () => {
  failed = true;
  stopAll();
  process.exit(130);
});

const runStarted = Date.now();
for (const stage of stages) {
  console.log(`\n=== ${stage.title} ===`);
  const alone = stage.lanes.length === 1 && stage.lanes[0]?.length === 1;
  const results = await Promise.all(
    stage.lanes.map(async (lane) => {
      for (const step of lane) {
        if (failed) return false;
        if (!(await runStep(step, alone))) {
          if (!failed) {
            failed = true;
            stopAll();
          }
          return false;
        }
      }
      return true;
    }),
  );
  if (results.includes(false)) {
    fs.rmSync(logDir, { recursive: true, force: true });
    process.exit(1);
  }
}
fs.rmSync(logDir, { recursive: true, force: true });
console.log(`\n=== all steps passed in ${((Date.now() - runStarted) / 1000).toFixed(0)} s ===`);

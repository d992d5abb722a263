import { spawnSync } from "node:child_process";
import path from "node:path";

/**
 * `npm test`: typecheck, lint (boundaries and unused code included), Vitest on PGlite, a production build, a
 * production start with the production dependencies only, and Playwright against the build. With DATABASE_URL set, Vitest and Playwright run a second time on PostgreSQL, so one
 * run covers both databases without repeating the steps they share. Stops at the first failing step.
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

// On CI the tests run in a shuffled order (files and tests), so that none comes to depend on another's state;
// the seed is printed so that a failing order can be run again.
const vitestArgs = ["run"];
if (process.env.CI) {
  const seed = process.env.VITEST_SEED ?? String(Date.now() % 1_000_000_000);
  vitestArgs.push("--sequence.shuffle", `--sequence.seed=${seed}`);
  console.log(`Vitest runs in shuffled order with seed ${seed} (again: npx vitest run --sequence.shuffle --sequence.seed=${seed})`);
}

const steps: Step[] = [
  { name: "typecheck", command: bin("tsc"), args: ["--noEmit"] },
  { name: "lint", command: bin("eslint"), args: ["--max-warnings", "0", "."] },
  { name: "unused code", command: bin("knip"), args: [] },
  { name: "unit and integration tests on PGlite", command: bin("vitest"), args: vitestArgs, env: onPglite },
];
if (databaseUrl) {
  steps.push({ name: "integration tests on PostgreSQL", command: bin("vitest"), args: vitestArgs, env: baseEnv });
}
steps.push(
  { name: "production build", command: bin("next"), args: ["build"], env: { ...baseEnv, NODE_ENV: "production" } },
  { name: "API bundle of the production server", command: bin("tsx"), args: ["scripts/build-api.mts"], env: baseEnv },
  { name: "production start without dev dependencies", command: bin("tsx"), args: ["scripts/check-production-start.mts"], env: onPglite },
  {
    name: "browser tests on PGlite",
    command: bin("playwright"),
    args: ["test"],
    env: onPglite,
  },
);
if (databaseUrl) {
  // Only the specs whose paths differ by database (playwright.config.ts lists them).
  steps.push({ name: "browser tests on PostgreSQL", command: bin("playwright"), args: ["test"], env: { ...baseEnv, E2E_DATABASE_SPECS_ONLY: "1" } });
}

for (const step of steps) {
  const started = Date.now();
  console.log(`\n=== ${step.name} ===`);
  const result = spawnSync(step.command, step.args, { stdio: "inherit", env: step.env ?? baseEnv });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n=== ${step.name} failed after ${seconds} s ===`);
    process.exit(result.status ?? 1);
  }
  console.log(`=== ${step.name} passed in ${seconds} s ===`);
}

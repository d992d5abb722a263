/**
 * Mutation testing of the domain core: `npm run test:mutation` (not in CI; README "Mutation testing").
 * The tests reach the core through HTTP route handlers loaded at run time, so Vitest cannot tell which test
 * files relate to a mutated file (`related: false`); the test files below are the ones that exercise the
 * core, and per-test coverage picks, for each mutant, the tests that reach it. PGlite only.
 */
const config = {
  testRunner: "vitest",
  vitest: { configFile: "vitest.config.mts", related: false },
  checkers: ["typescript"],
  tsconfigFile: "tsconfig.json",
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: "perTest",
  mutate: [
    "lib/chatrooms/**/*.ts",
    "lib/messages/**/*.ts",
    "lib/orgs/**/*.ts",
    "lib/api/authenticate.ts",
    "lib/api/handler.ts",
    "!lib/**/*.test.ts",
    "!lib/**/schemas.ts",
  ],
  testFiles: [
    "lib/chatrooms/rules.test.ts",
    "lib/chatrooms/deadlines.test.ts",
    "lib/chatrooms/sweeper.test.ts",
    "lib/chatrooms/list.test.ts",
    // The list's sorts, keyset pages and totals, and the bulk decisions (lib/chatrooms/decisions.ts): without
    // them, the first run of lib/chatrooms left most of list.ts and decisions.ts uncaught (README).
    "lib/chatrooms/list-sorts.test.ts",
    "lib/bulk/bulk.test.ts",
    // Direct tests of the pure decisions and states, the sweeper's batches, retries and logs, and the lock's key.
    "lib/chatrooms/decisions.test.ts",
    "lib/chatrooms/state.test.ts",
    "lib/chatrooms/sweeper-runs.test.ts",
    "lib/chatrooms/locks.test.ts",
    "lib/chatrooms/pick-rank.test.ts",
    // Each change's answer, refusals and audit changes field by field, and the retry decision of I1, I2.
    "lib/chatrooms/answers.test.ts",
    "lib/chatrooms/retries.test.ts",
    "lib/messages/messages.test.ts",
    "lib/whatsapp/webhook.test.ts",
    "lib/api/access.test.ts",
    "lib/api/errors.test.ts",
    "lib/api/test-clock.test.ts",
  ],
  ignorePatterns: [".next", ".data", "test-results", "playwright-report", "public", "components", "e2e"],
  incremental: true,
  incrementalFile: "reports/stryker-incremental.json",
  concurrency: 2,
  timeoutMS: 30_000,
  // The first run of every test file, with coverage, takes minutes on a busy machine.
  dryRunTimeoutMinutes: 30,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};

export default config;

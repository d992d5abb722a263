import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; the modules it guards are tested here directly.
      "server-only": path.resolve(import.meta.dirname, "lib/testing/empty.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "scripts/**/*.test.ts"],
    globalSetup: ["lib/testing/global-setup.ts"],
    env: {
      TEST_CLOCK: "1",
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
      NODE_ENV: "test",
      // Tests fire many requests with one key; the rate limit has its own test with its own limits.
      RATE_LIMIT_PER_SECOND: "100000",
      RATE_LIMIT_BURST: "100000",
      // Tests sweep explicitly; the webhook's secrets are the tests' own.
      SWEEP_INTERVAL_MS: "0",
      // Tests run the webhook worker themselves, against receivers on loopback.
      WEBHOOK_WORKER_INTERVAL_MS: "0",
      WEBHOOK_ALLOW_PRIVATE_TARGETS: "1",
      WHATSAPP_APP_SECRET: "test-whatsapp-app-secret",
      WHATSAPP_VERIFY_TOKEN: "test-whatsapp-verify-token",
    },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    fileParallelism: true,
    maxWorkers: 2,
  },
});

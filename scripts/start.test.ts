import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/** `npm start`'s checks that run before anything is built or opened. */
describe("npm start: WEB_CONCURRENCY", () => {
  const start = (env: Record<string, string>) =>
    spawnSync(process.execPath, ["scripts/start.mjs"], {
      env: { ...process.env, ...env },
      encoding: "utf8",
      timeout: 30_000,
    });

  it("refuses more than one worker on the embedded database, whose directory one process owns", () => {
    const result = start({ DATABASE_URL: "", WEB_CONCURRENCY: "2" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("WEB_CONCURRENCY: must be 1 on the embedded database");
  });

  it("refuses more than one worker with the test clock, which each worker would keep in its own memory (and runs one by default)", () => {
    const result = start({ DATABASE_URL: "postgres://sb:sb@127.0.0.1:1/none", TEST_CLOCK: "1", WEB_CONCURRENCY: "2" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("WEB_CONCURRENCY: must be 1 with TEST_CLOCK=1");
  });

  it("refuses a value that is not a whole number from 1 to 64, in one line", () => {
    for (const value of ["0", "two", "1.5", "65"]) {
      const result = start({ DATABASE_URL: "postgres://sb:sb@127.0.0.1:1/none", WEB_CONCURRENCY: value });
      expect(result.status, value).toBe(1);
      expect(result.stderr.trim(), value).toBe(
        `error: WEB_CONCURRENCY: must be a whole number from 1 to 64 (got '${value}')`,
      );
    }
  });
});

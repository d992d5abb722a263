import { describe, expect, it } from "vitest";
import { startBulkRunner } from "./runner";

describe("the server's bulk runner", () => {
  it("leaves no listener behind on its signal after each idle interval (no MaxListenersExceededWarning after 60)", async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    let rounds = 0;
    const stop = startBulkRunner(
      async () => {
        rounds += 1;
        throw new Error("no database in this test");
      },
      { intervalMs: 2, batchSize: 1, pauseMs: 0 },
    );
    try {
      while (rounds < 60) await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      stop();
      // Warnings are emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
      process.off("warning", onWarning);
    }
    expect(warnings.filter((warning) => warning.name === "MaxListenersExceededWarning").map((warning) => warning.message)).toEqual([]);
  });
});

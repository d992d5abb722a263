import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/client";

describe("npm run sweep", () => {
  // Two CLI processes, each opening an embedded database: about 5 s on an idle machine, a minute each when it is busy.
  it("the CLI refuses an embedded database directory that a live process holds", async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-sweep-")), "pglite");
    const database = await openDatabase({ kind: "pglite", dir });
    try {
      const sweep = spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/sweep.mts"], {
        env: { ...process.env, PGLITE_DIR: dir, DATABASE_URL: "" },
        encoding: "utf8",
      });
      expect(sweep.status).toBe(1);
      expect(sweep.stderr).toContain("is in use by another process");
    } finally {
      await database.close();
    }
    const free = spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/sweep.mts"], {
      env: { ...process.env, PGLITE_DIR: dir, DATABASE_URL: "" },
      encoding: "utf8",
    });
    expect(free.status, free.stderr).toBe(0);
    expect(free.stdout).toContain("closed 0 overdue chatroom(s)");
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  }, 240_000);
});

import { describe, expect, it } from "vitest";
import type { Db } from "./client";
import { perDatabase } from "./per-database";

describe("perDatabase", () => {
  it("makes one value per database handle, on its first use, and keeps it", () => {
    const made: Db[] = [];
    const valueOf = perDatabase((db) => {
      made.push(db);
      return { for: db };
    });
    const first = {} as Db;
    const second = {} as Db;
    const value = valueOf(first);
    expect(valueOf(first)).toBe(value);
    expect(valueOf(second)).not.toBe(value);
    expect(valueOf(second).for).toBe(second);
    expect(made).toEqual([first, second]);
  });
});

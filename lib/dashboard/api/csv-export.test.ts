import { describe, expect, it } from "vitest";
import type { ApiResult } from "./client";
import { pagedCsv, type CsvPage } from "./csv-export";

/** A list of 3 pages of 2 items, newest first, as the API pages it by cursor. */
function pagedList(failFirst?: number) {
  const calls: (string | undefined)[] = [];
  const pages: CsvPage<number>[] = [
    { items: [6, 5], next_cursor: "c1" },
    { items: [4, 3], next_cursor: "c2" },
    { items: [2, 1], next_cursor: null },
  ];
  let failures = failFirst ?? 0;
  const readPage = async (cursor: string | undefined): Promise<ApiResult<CsvPage<number>>> => {
    calls.push(cursor);
    if (failures > 0) {
      failures -= 1;
      return {
        ok: false,
        requestId: null,
        error: { status: 429, name: "RATE_LIMITED", description: "", payload: {}, missing: false },
      };
    }
    return { ok: true, requestId: null, data: pages[cursor ? Number(cursor.slice(1)) : 0]! };
  };
  return { calls, readPage };
}

const text = (stream: ReadableStream<Uint8Array>) => new Response(stream).text();

describe("paged CSV downloads", () => {
  it("read the list page by page through its cursor, the next page only when the reader has taken the last", async () => {
    const list = pagedList();
    const stream = pagedCsv({ header: ["n"], readPage: list.readPage, rowsOf: (items) => items.map((item) => [item]) });
    const reader = stream.getReader();
    await reader.read();
    expect(list.calls.length).toBeLessThanOrEqual(1);
    const decoder = new TextDecoder();
    let rest = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
      rest += decoder.decode(chunk.value, { stream: true });
    expect(list.calls).toEqual([undefined, "c1", "c2"]);
    expect(rest).toBe("6\r\n5\r\n4\r\n3\r\n2\r\n1\r\n");
  });

  it("stop at the first item before the period, without reading further pages", async () => {
    const list = pagedList();
    const csv = await text(
      pagedCsv({
        header: ["n"],
        readPage: list.readPage,
        rowsOf: (items) => items.map((item) => [item]),
        done: (item) => item < 4,
      }),
    );
    expect(csv).toBe("n\r\n6\r\n5\r\n4\r\n");
    expect(list.calls).toEqual([undefined, "c1"]);
  });

  it("ask again for a rate-limited page, and fail the download (never a short file passed off as whole) on another error", async () => {
    const limited = pagedList(1);
    expect(
      await text(
        pagedCsv({ header: ["n"], readPage: limited.readPage, rowsOf: (items) => items.map((item) => [item]) }),
      ),
    ).toBe("n\r\n6\r\n5\r\n4\r\n3\r\n2\r\n1\r\n");
    const failing = pagedCsv<number>({
      header: ["n"],
      readPage: async () => ({
        ok: false,
        requestId: null,
        error: { status: 500, name: "INTERNAL", description: "", payload: {}, missing: false },
      }),
      rowsOf: () => [],
    });
    await expect(text(failing)).rejects.toThrow();
  });
});

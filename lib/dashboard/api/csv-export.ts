import "server-only";
import type { ApiResult } from "@/lib/dashboard/api/client";
import { csvRow, type CsvValue } from "@/lib/dashboard/ui/csv";

/** A rate-limited page is asked for again after a pause, this many times at most. */
const RATE_LIMIT_RETRIES = 30;

export interface CsvPage<T> {
  items: T[];
  next_cursor: string | null;
}

/**
 * One of the dashboard's CSV downloads: a header row, then the rows of an API list read page by page through
 * the keyset cursor and streamed, one page in memory at a time, the next asked for only when the reader has
 * taken the last. UTF-8 with a byte-order mark, so that spreadsheets read the names right. `rowsOf` turns a
 * page into rows (it may look names up for the page); `done` ends the file early, at the first item of a
 * newest-first list that falls before the period asked for.
 */
export function pagedCsv<T>(options: {
  header: string[];
  readPage: (cursor: string | undefined) => Promise<ApiResult<CsvPage<T>>>;
  rowsOf: (items: T[]) => Promise<CsvValue[][]> | CsvValue[][];
  done?: (item: T) => boolean;
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${csvRow(options.header)}`));
        return;
      }
      let page = await options.readPage(cursor);
      for (let retry = 0; !page.ok && page.error.status === 429 && retry < RATE_LIMIT_RETRIES; retry += 1) {
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        page = await options.readPage(cursor);
      }
      if (!page.ok) {
        // The file is cut short rather than passed off as complete: the download fails.
        controller.error(new Error(`export stopped: ${page.error.name}`));
        return;
      }
      const end = options.done ? page.data.items.findIndex(options.done) : -1;
      const items = end === -1 ? page.data.items : page.data.items.slice(0, end);
      const text = (await options.rowsOf(items)).map(csvRow).join("");
      if (text) controller.enqueue(encoder.encode(text));
      cursor = end === -1 ? (page.data.next_cursor ?? undefined) : undefined;
      if (!cursor) controller.close();
    },
  });
}

/** The download's headers: a CSV attachment named after what it holds, the org and the day. */
export function csvDownloadHeaders(what: string, orgId: string, now: string): HeadersInit {
  return {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="${what}-${orgId.replace(/[^\w-]/g, "_")}-${now.slice(0, 10)}.csv"`,
    "cache-control": "no-store",
  };
}

import { afterAll, beforeAll } from "vitest";

type LogLine = Record<string, unknown> & { stream: "stdout" | "stderr" };

export interface CapturedLogs {
  /** Our JSON log lines as they are written, each with its stream; empty it with `lines.length = 0`. */
  lines: LogLine[];
  /** Everything written to stdout and stderr, JSON or not. */
  text(): string;
}

/**
 * Logs at `info` for this test file and captures what it writes to stdout and stderr, from its beforeAll to
 * its afterAll. Call it before anything of the file logs or serves a request: env() reads LOG_LEVEL once, at
 * the file's first log line or request (the file has its own module instances). `echo`: let the output
 * through to the test output as well.
 */
export function captureLogs(options: { echo: boolean }): CapturedLogs {
  const captured: CapturedLogs & { chunks: string[] } = {
    lines: [],
    chunks: [],
    text: () => captured.chunks.join(""),
  };
  const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
  const savedLevel = process.env.LOG_LEVEL;
  beforeAll(() => {
    process.env.LOG_LEVEL = "info";
    for (const stream of ["stdout", "stderr"] as const) {
      process[stream].write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        const text = String(chunk);
        captured.chunks.push(text);
        for (const line of text.split("\n").filter(Boolean)) {
          try {
            captured.lines.push({ stream, ...(JSON.parse(line) as Record<string, unknown>) });
          } catch {
            // not one of our log lines
          }
        }
        return options.echo ? (writes[stream] as (...args: unknown[]) => boolean).call(process[stream], chunk, ...rest) : true;
      }) as typeof process.stdout.write;
    }
  });
  afterAll(() => {
    process.stdout.write = writes.stdout;
    process.stderr.write = writes.stderr;
    process.env.LOG_LEVEL = savedLevel;
  });
  return captured;
}

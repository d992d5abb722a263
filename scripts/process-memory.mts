import fs from "node:fs";

/** The process and every descendant (Linux /proc). */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const parent = Number(/PPid:\s+(\d+)/.exec(fs.readFileSync(`/proc/${entry}/status`, "utf8"))?.[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // the process ended while being read
    }
  }
  const tree: number[] = [];
  for (const queue = [root]; queue.length > 0;) {
    const current = queue.pop()!;
    tree.push(current);
    queue.push(...(children.get(current) ?? []));
  }
  return tree;
}

/** Resident memory of the process and every descendant, in bytes. */
export function treeRss(root: number): number {
  let total = 0;
  for (const pid of processTree(root)) {
    try {
      total += Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;
    } catch {
      // the process ended while being read
    }
  }
  return total;
}

// /proc's CPU times are in clock ticks, 100 a second on Linux (USER_HZ).
const TICK_MS = 10;

function statFields(pid: number): string[] | undefined {
  try {
    // The fields after the command name, which is in parentheses and may hold spaces; the state is the first.
    return fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  } catch {
    return undefined; // the process ended
  }
}

/** CPU time (user and system) the processes have used so far, in milliseconds. */
export function cpuMillis(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const fields = statFields(pid);
    if (fields) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * TICK_MS;
}

/**
 * CPU time the PostgreSQL server has used so far, in milliseconds: every live process under its postmaster,
 * and the ones that have ended (the postmaster's children's time), so a backend closing takes nothing away.
 */
export function postgresCpuMillis(): number {
  const named = new Set(
    fs.readdirSync("/proc").filter((entry) => {
      try {
        return /^\d+$/.test(entry) && fs.readFileSync(`/proc/${entry}/comm`, "utf8").trim() === "postgres";
      } catch {
        return false;
      }
    }),
  );
  let total = 0;
  for (const pid of named) {
    const fields = statFields(Number(pid));
    // The postmaster is the one whose parent is not PostgreSQL's.
    if (!fields || named.has(fields[1]!)) continue;
    total += (Number(fields[13]) + Number(fields[14])) * TICK_MS + cpuMillis(processTree(Number(pid)));
  }
  return total;
}

/** Samples `treeRss(pid)` every `everyMs` until stopped; `stop()` answers the peak. */
export function sampleRss(pid: number, everyMs = 100): { before: number; stop(): number } {
  const before = treeRss(pid);
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, treeRss(pid));
  }, everyMs);
  return {
    before,
    stop() {
      clearInterval(timer);
      return Math.max(peak, treeRss(pid));
    },
  };
}

export const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * PGlite takes no lock of its own, and a second process writing to a live data directory corrupts it.
 * Every process that opens the directory first takes this exclusive lock file beside it.
 */
export class DatabaseLockedError extends Error {
  /** Marks an error whose message is for the person at the terminal (see scripts/cli.mts). */
  readonly userFacing = true;

  constructor(
    readonly lockPath: string,
    readonly holderPid: number,
  ) {
    super(
      `The embedded database ${lockPath.replace(/\.lock$/, "")} is in use by another process (pid ${holderPid}). ` +
        `Only one process may open it: stop that process first, or set DATABASE_URL to use PostgreSQL.`,
    );
  }
}

interface LockContent {
  pid: number;
  host: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(lockPath: string): LockContent | undefined {
  try {
    return JSON.parse(fs.readFileSync(lockPath, "utf8")) as LockContent;
  } catch {
    return undefined;
  }
}

export interface DirectoryLock {
  release(): void;
}

function lockPathFor(dataDir: string): string {
  return `${path.resolve(dataDir)}.lock`;
}

/** Takes the lock or throws DatabaseLockedError; a lock left by a dead process on this host is taken over. */
export function acquireDirectoryLock(dataDir: string): DirectoryLock {
  const lockPath = lockPathFor(dataDir);
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  const content: LockContent = { pid: process.pid, host: os.hostname() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(content), { flag: "wx" });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off("exit", release);
        if (readHolder(lockPath)?.pid === process.pid) fs.rmSync(lockPath, { force: true });
      };
      process.on("exit", release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readHolder(lockPath);
      const stale = holder !== undefined && holder.host === content.host && !isAlive(holder.pid);
      if (holder && !stale) throw new DatabaseLockedError(lockPath, holder.pid);
      // Stale (its process died) or half-written by a process that is starting: remove and retry.
      if (stale || attempt > 0) fs.rmSync(lockPath, { force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
  throw new DatabaseLockedError(lockPath, readHolder(lockPath)?.pid ?? -1);
}

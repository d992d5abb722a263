/** A job made in this process wakes this process's runner (lib/bulk/runner.ts) instead of its next interval. */
let listener: (() => void) | undefined;

export function onBulkJobQueued(wake: (() => void) | undefined): void {
  listener = wake;
}

export function bulkJobQueued(): void {
  listener?.();
}

"use client";

import type { ActionError, ActionResult } from "@/lib/dashboard/ui/action-result";
import { notify } from "./ui/toaster";

/** Failures that may pass if the same request is sent again. */
function worthRetrying(error: ActionError): boolean {
  return error.status >= 500 || error.status === 429 || error.name === "IDEMPOTENCY_KEY_IN_USE";
}

/**
 * Calls a server action and always tells the person how it went: a toast on failure (with Retry when the
 * request did not get through or may pass later), the caller's `ok` on success. A request that never
 * reached the server (network down) is a failure too, never silence.
 */
export async function runAction<T>(
  call: () => Promise<ActionResult<T>>,
  on: { ok: (data: T) => void | Promise<void>; failed?: (error: ActionError) => void },
): Promise<void> {
  let result: ActionResult<T>;
  try {
    result = await call();
  } catch {
    notify.failure("The dashboard could not reach the server.", "Check your connection, then retry.", () => void runAction(call, on));
    return;
  }
  if (result.ok) {
    await on.ok(result.data);
    return;
  }
  on.failed?.(result.error);
  notify.failure(result.error.title, result.error.hint, worthRetrying(result.error) ? () => void runAction(call, on) : undefined);
}

"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => undefined;

/** True once React has hydrated: forms expose it as data-hydrated, and keep submit disabled before. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}

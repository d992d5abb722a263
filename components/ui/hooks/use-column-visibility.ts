"use client";

import { useState } from "react";

/**
 * Which columns of a table a person keeps hidden, remembered per person in a cookie (the server reads it
 * too, so the table renders with the person's columns from the first byte, without a flash). The cookie
 * is written before `setVisible` returns, so a re-render from the server right after already has it.
 */
export function useColumnVisibility(cookieName: string, initiallyHidden: string[]) {
  const [hidden, setHidden] = useState<string[]>(initiallyHidden);
  const setVisible = (column: string, visible: boolean) => {
    const next = visible ? hidden.filter((name) => name !== column) : [...new Set([...hidden, column])];
    document.cookie = `${cookieName}=${encodeURIComponent(next.join(","))}; path=/; max-age=31536000; samesite=lax`;
    setHidden(next);
  };
  return { hidden, setVisible };
}

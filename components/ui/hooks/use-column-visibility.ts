"use client";

import { useState } from "react";

/**
 * Which columns of a table a person keeps hidden, remembered per person in a cookie (the server reads it
 * too, so the table renders with the person's columns from the first byte, without a flash).
 */
export function useColumnVisibility(cookieName: string, initiallyHidden: string[]) {
  const [hidden, setHidden] = useState<string[]>(initiallyHidden);
  const setVisible = (column: string, visible: boolean) => {
    setHidden((current) => {
      const next = visible ? current.filter((name) => name !== column) : [...new Set([...current, column])];
      document.cookie = `${cookieName}=${encodeURIComponent(next.join(","))}; path=/; max-age=31536000; samesite=lax`;
      return next;
    });
  };
  return { hidden, setVisible };
}

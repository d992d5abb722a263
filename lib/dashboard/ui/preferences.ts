/**
 * Preferences a person keeps in this browser, as cookies the server reads before rendering (so the page
 * comes out right the first time: no flash of the wrong theme or of hidden columns). Nothing secret.
 */
export const THEME_COOKIE = "sb-theme";
export type ThemeChoice = "light" | "dark" | "system";

export function themeOf(value: string | undefined): ThemeChoice {
  return value === "light" || value === "dark" ? value : "system";
}

/** The cookie holding one person's hidden columns of one table. */
export function hiddenColumnsCookie(table: string, accountId: string): string {
  return `sb-columns.${table}.${accountId.replace(/[^\w-]/g, "_")}`;
}

export function hiddenColumnsOf(value: string | undefined, known: readonly string[]): string[] {
  if (!value) return [];
  return decodeURIComponent(value)
    .split(",")
    .filter((name) => known.includes(name));
}

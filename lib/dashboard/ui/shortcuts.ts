/** Which key press is which of the dashboard's shortcuts (the list a person reads is in shortcut-list.ts). */
export type ShortcutCommand = "palette" | "search" | "new" | "help";

interface KeyPress {
  key: string;
  metaKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  /** The press happened in a text field, a select or an editable region. */
  typing: boolean;
}

/** Which shortcut a key press is, if any. */
export function shortcutOf(press: KeyPress): ShortcutCommand | null {
  if ((press.metaKey || press.ctrlKey) && !press.altKey && press.key.toLowerCase() === "k") return "palette";
  if (press.typing || press.metaKey || press.ctrlKey || press.altKey) return null;
  if (press.key === "/") return "search";
  if (press.key === "n") return "new";
  if (press.key === "?") return "help";
  return null;
}

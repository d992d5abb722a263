/** The dashboard's keyboard shortcuts, as the `?` list shows them. Single keys never fire while typing in a field. */
export const shortcutList: { keys: string[]; action: string }[] = [
  { keys: ["Ctrl", "K"], action: "Open the command palette (⌘K on a Mac); works in fields too" },
  { keys: ["/"], action: "Search: the page's search field, or the palette where there is none" },
  { keys: ["n"], action: "New chatroom (for people who may create one)" },
  { keys: ["?"], action: "This list of shortcuts" },
];

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

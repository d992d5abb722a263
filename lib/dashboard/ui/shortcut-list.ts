/** The dashboard's keyboard shortcuts, as the `?` list shows them. Single keys never fire while typing in a field. */
export const shortcutList: { keys: string[]; action: string }[] = [
  { keys: ["Ctrl", "K"], action: "Open the command palette (⌘K on a Mac); works in fields too" },
  { keys: ["/"], action: "Search: the page's search field, or the palette where there is none" },
  { keys: ["n"], action: "New chatroom (for people who may create one)" },
  { keys: ["?"], action: "This list of shortcuts" },
];

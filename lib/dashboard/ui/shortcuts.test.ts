import { describe, expect, it } from "vitest";
import { shortcutOf } from "@/lib/dashboard/ui/shortcuts";

const press = (key: string, extra: Partial<{ metaKey: boolean; ctrlKey: boolean; altKey: boolean; typing: boolean }> = {}) => ({
  key,
  metaKey: false,
  ctrlKey: false,
  altKey: false,
  typing: false,
  ...extra,
});

describe("keyboard shortcuts", () => {
  it("Ctrl+K and ⌘K open the palette, also while typing", () => {
    expect(shortcutOf(press("k", { ctrlKey: true }))).toBe("palette");
    expect(shortcutOf(press("K", { metaKey: true, typing: true }))).toBe("palette");
    expect(shortcutOf(press("k", { ctrlKey: true, altKey: true }))).toBeNull();
  });

  it("/, n and ? are shortcuts outside fields only, and never with a modifier", () => {
    expect(shortcutOf(press("/"))).toBe("search");
    expect(shortcutOf(press("n"))).toBe("new");
    expect(shortcutOf(press("?"))).toBe("help");
    for (const key of ["/", "n", "?"]) {
      expect(shortcutOf(press(key, { typing: true }))).toBeNull();
      expect(shortcutOf(press(key, { ctrlKey: true }))).toBeNull();
      expect(shortcutOf(press(key, { altKey: true }))).toBeNull();
    }
    expect(shortcutOf(press("N"))).toBeNull();
    expect(shortcutOf(press("k"))).toBeNull();
  });
});

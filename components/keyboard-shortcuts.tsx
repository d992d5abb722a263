"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { shortcutOf } from "@/lib/dashboard/ui/shortcuts";
import type { PaletteTarget } from "./menus/command-palette";

type PaletteModule = Pick<typeof import("./menus/command-palette"), "CommandPalette" | "ShortcutHelp">;

/** Other parts of the page (the sidebar's search button) open the palette with this event. */
export const OPEN_PALETTE_EVENT = "switchboard:open-palette";

function typingIn(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return Boolean(element && (element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName)));
}

/**
 * The org pages' shortcuts: Ctrl/⌘+K the palette, `/` search, `n` new chatroom, `?` the list. The palette's
 * code (cmdk, the dialog) loads on first use, so pages do not carry it in their first load.
 */
export function KeyboardShortcuts({ orgId, pages, orgs, newChatroomHref }: { orgId: string; pages: PaletteTarget[]; orgs: PaletteTarget[]; newChatroomHref: string | null }) {
  const router = useRouter();
  const [loaded, setLoaded] = useState<PaletteModule | null>(null);
  const [open, setOpen] = useState<"palette" | "help" | null>(null);
  const latest = useRef({ newChatroomHref, router });
  useEffect(() => {
    latest.current = { newChatroomHref, router };
  });
  useEffect(() => {
    const show = (what: "palette" | "help") => {
      void import("./menus/command-palette").then(({ CommandPalette, ShortcutHelp }) => {
        setLoaded({ CommandPalette, ShortcutHelp });
        setOpen(what);
      });
    };
    function onKeyDown(event: KeyboardEvent) {
      const command = shortcutOf({ key: event.key, metaKey: event.metaKey, ctrlKey: event.ctrlKey, altKey: event.altKey, typing: typingIn(event.target) });
      if (!command || event.repeat) return;
      if (command === "new" && !latest.current.newChatroomHref) return;
      event.preventDefault();
      if (command === "palette" || command === "help") show(command);
      else if (command === "new") latest.current.router.push(latest.current.newChatroomHref!);
      else {
        const search = document.querySelector<HTMLInputElement>("main [role=search] input");
        if (search) search.focus();
        else show("palette");
      }
    }
    const onOpenPalette = () => show("palette");
    window.addEventListener("keydown", onKeyDown);
    window.addEventListener(OPEN_PALETTE_EVENT, onOpenPalette);
    return () => {
      window.removeEventListener("keydown", onKeyDown);
      window.removeEventListener(OPEN_PALETTE_EVENT, onOpenPalette);
    };
  }, []);
  if (!loaded) return null;
  const change = (next: boolean) => setOpen(next ? open : null);
  return (
    <>
      <loaded.CommandPalette open={open === "palette"} onOpenChange={change} orgId={orgId} pages={pages} orgs={orgs} newChatroomHref={newChatroomHref} />
      <loaded.ShortcutHelp open={open === "help"} onOpenChange={change} />
    </>
  );
}

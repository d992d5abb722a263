"use client";

import { useRef, useState } from "react";

/**
 * A widget whose code loads when a person first shows intent (pointer over it, focus, or a click), not with
 * the page: `children` is its look until then. A click opens the widget as soon as it has loaded, and
 * keyboard focus moves onto the loaded widget's trigger, so nothing is lost while it loads.
 */
export function OnIntent<M>({ load, render, children }: { load: () => Promise<M>; render: (loaded: M, openNow: boolean) => React.ReactNode; children: React.ReactNode }) {
  const [loaded, setLoaded] = useState<{ module: M } | null>(null);
  const [openNow, setOpenNow] = useState(false);
  const requested = useRef(false);
  const wrapper = useRef<HTMLSpanElement>(null);
  function start(open: boolean) {
    if (open) setOpenNow(true);
    if (requested.current) return;
    requested.current = true;
    const hadFocus = wrapper.current?.contains(document.activeElement) ?? false;
    void load().then((module) => {
      setLoaded({ module });
      if (hadFocus) requestAnimationFrame(() => wrapper.current?.querySelector<HTMLElement>("button, a")?.focus());
    });
  }
  return (
    <span ref={wrapper} className="contents" onPointerEnter={() => start(false)} onFocus={() => start(false)} onClick={loaded ? undefined : () => start(true)}>
      {loaded ? render(loaded.module, openNow) : children}
    </span>
  );
}

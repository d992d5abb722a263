"use client";

import { Menu } from "lucide-react";
import { SidebarBody, type SidebarProps } from "./sidebar";
import { Button } from "./ui/button";
import { OnIntent } from "./ui/on-intent";

/** The org's frame: a sidebar on wide screens, a top bar with a menu sheet on phones. */
export function OrgShell({ children, ...sidebar }: SidebarProps & { children: React.ReactNode }) {
  const menuButton = (
    <Button variant="ghost" size="icon" aria-label="Open the menu" aria-haspopup="dialog">
      <Menu aria-hidden="true" />
    </Button>
  );
  return (
    <div className="flex min-h-dvh">
      <aside className="hidden w-60 shrink-0 border-r border-border bg-surface lg:block">
        <div className="sticky top-0 h-dvh px-3 py-4">
          <SidebarBody {...sidebar} />
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-30 flex h-12 items-center gap-2 border-b border-border bg-surface px-3 lg:hidden">
          <OnIntent load={() => import("./menus/mobile-menu")} render={({ MobileMenu }, open) => <MobileMenu {...sidebar} trigger={menuButton} defaultOpen={open} />}>
            {menuButton}
          </OnIntent>
          <p className="truncate text-sm font-semibold">{sidebar.org.name}</p>
        </header>
        <main id="main" className="mx-auto w-full max-w-[1360px] flex-1 px-4 py-5 sm:px-6 lg:px-8 lg:py-6">
          {children}
        </main>
      </div>
    </div>
  );
}

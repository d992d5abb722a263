"use client";

import { AlertTriangle, Building2, ChevronsUpDown, LayoutDashboard, MessagesSquare, Plus, ScrollText, Search, Settings, Webhook } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { Org } from "@/lib/dashboard/api/schemas";
import type { ThemeChoice } from "@/lib/dashboard/ui/preferences";
import { Button } from "./ui/button";
import { cn } from "./ui/cn";
import { OnIntent } from "./ui/on-intent";
import { OPEN_PALETTE_EVENT } from "./keyboard-shortcuts";

export interface NavLink {
  href: string;
  label: string;
  icon: "overview" | "chatrooms" | "new" | "conflicts" | "audit" | "settings" | "webhooks";
}

const icons = {
  overview: LayoutDashboard,
  chatrooms: MessagesSquare,
  new: Plus,
  conflicts: AlertTriangle,
  audit: ScrollText,
  settings: Settings,
  webhooks: Webhook,
};

export interface ShellPerson {
  name: string;
  role: string;
  theme: ThemeChoice;
}

/** What the org switcher says of each org (partners and support agents): active chatrooms, handovers, recent conflicts. */
interface OrgFigures {
  active: number;
  pendingHandover: number;
  /** Null where the person may not read the conflict log. */
  recentConflicts: number | null;
}

export interface SwitcherOrg {
  org: Org;
  href: string;
  figures?: OrgFigures;
}

export interface SidebarProps {
  org: Org;
  orgs: SwitcherOrg[];
  links: NavLink[];
  person: ShellPerson;
  chatroomsHref: string;
}

/** The org's pages; the one shown is marked aria-current="page", its section (a chatroom of the list) "true". */
function NavLinks({ links, onNavigate }: { links: NavLink[]; onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Org">
      <ul className="space-y-0.5">
        {links.map((link) => {
          const Icon = icons[link.icon];
          const exact = pathname === link.href;
          const within =
            !exact && (link.icon === "chatrooms" || link.icon === "webhooks") && pathname.startsWith(`${link.href}/`) && !pathname.endsWith("/new");
          return (
            <li key={link.href}>
              <Link
                href={link.href}
                onClick={onNavigate}
                aria-current={exact ? "page" : within ? "true" : undefined}
                className={cn(
                  "flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm font-medium text-muted-foreground hover:bg-surface-hover hover:text-foreground",
                  (exact || within) && "bg-surface-hover text-foreground",
                )}
              >
                <Icon aria-hidden="true" className="size-4" />
                {link.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function OrgSwitcher({ org, orgs, chatroomsHref }: Pick<SidebarProps, "org" | "orgs" | "chatroomsHref">) {
  if (orgs.length <= 1) {
    return (
      <Link href={chatroomsHref} className="flex items-center gap-2 rounded-md px-2 py-1.5 text-sm font-semibold">
        <Building2 aria-hidden="true" className="size-4 text-muted-foreground" />
        <span className="truncate">{org.name}</span>
      </Link>
    );
  }
  const trigger = (
    <Button variant="ghost" className="w-full justify-between px-2 font-semibold" aria-label={`Org: ${org.name} (switch org)`} aria-haspopup="menu">
      <span className="flex min-w-0 items-center gap-2">
        <Building2 aria-hidden="true" className="text-muted-foreground" />
        <span className="truncate">{org.name}</span>
      </span>
      <ChevronsUpDown aria-hidden="true" className="text-muted-foreground" />
    </Button>
  );
  return (
    <OnIntent load={() => import("./menus/org-menu")} render={({ OrgMenu }, open) => <OrgMenu org={org} orgs={orgs} trigger={trigger} defaultOpen={open} />}>
      {trigger}
    </OnIntent>
  );
}

/** The person's name and role; their menu (theme, sign out) loads when they reach for it. */
export function UserMenuButton({ person }: { person: ShellPerson }) {
  const trigger = (
    <Button variant="ghost" className="h-auto w-full justify-start gap-2.5 px-2 py-1.5 text-left" aria-haspopup="menu">
      <span aria-hidden="true" className="flex size-7 shrink-0 items-center justify-center rounded-full bg-primary text-xs font-semibold text-primary-foreground">
        {person.name.slice(0, 1).toUpperCase()}
      </span>
      <span className="min-w-0">
        <span className="block truncate text-sm font-medium">{person.name}</span>
        <span className="block truncate text-xs font-normal text-muted-foreground">{person.role}</span>
      </span>
    </Button>
  );
  return (
    <OnIntent load={() => import("./menus/user-menu")} render={({ UserMenu }, open) => <UserMenu person={person} trigger={trigger} defaultOpen={open} />}>
      {trigger}
    </OnIntent>
  );
}

export function SidebarBody({ org, orgs, links, person, chatroomsHref, onNavigate }: SidebarProps & { onNavigate?: () => void }) {
  return (
    <div className="flex h-full flex-col gap-4">
      <div className="space-y-3">
        <p className="px-2 text-sm font-semibold tracking-tight">
          <span aria-hidden="true" className="mr-1.5 inline-block size-2.5 rounded-sm bg-primary" />
          Switchboard
        </p>
        <OrgSwitcher org={org} orgs={orgs} chatroomsHref={chatroomsHref} />
      </div>
      <Button
        variant="secondary"
        className="w-full justify-between text-muted-foreground"
        onClick={() => {
          onNavigate?.();
          window.dispatchEvent(new Event(OPEN_PALETTE_EVENT));
        }}
      >
        <span className="flex items-center gap-2">
          <Search aria-hidden="true" /> Search or jump to…
        </span>
        <kbd aria-hidden="true" className="font-mono text-xs">
          Ctrl K
        </kbd>
      </Button>
      <NavLinks links={links} onNavigate={onNavigate} />
      <div className="mt-auto border-t border-border pt-3">
        <UserMenuButton person={person} />
      </div>
    </div>
  );
}

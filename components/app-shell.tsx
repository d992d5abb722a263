"use client";

import { AlertTriangle, Building2, ChevronsUpDown, LogOut, Menu, MessagesSquare, Plus, Settings } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { signOut } from "@/app/(dashboard)/sign-out";
import type { Org } from "@/lib/dashboard/api/schemas";
import type { ThemeChoice } from "@/lib/dashboard/ui/preferences";
import { ThemeMenuItems } from "./theme-menu";
import { Button } from "./ui/button";
import { cn } from "./ui/cn";
import { Dialog, DialogContent, DialogTrigger } from "./ui/dialog";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "./ui/dropdown-menu";

export interface NavLink {
  href: string;
  label: string;
  icon: "chatrooms" | "new" | "conflicts" | "settings";
}

const icons = { chatrooms: MessagesSquare, new: Plus, conflicts: AlertTriangle, settings: Settings };

export interface ShellPerson {
  name: string;
  role: string;
  theme: ThemeChoice;
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
          const within = !exact && link.icon === "chatrooms" && pathname.startsWith(`${link.href}/`) && !pathname.endsWith("/new");
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

function OrgSwitcher({ org, orgs, chatroomsHref }: { org: Org; orgs: { org: Org; href: string }[]; chatroomsHref: string }) {
  if (orgs.length <= 1) {
    return (
      <Link href={chatroomsHref} className="flex items-center gap-2 rounded-md px-2 py-1.5 text-sm font-semibold">
        <Building2 aria-hidden="true" className="size-4 text-muted-foreground" />
        <span className="truncate">{org.name}</span>
      </Link>
    );
  }
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" className="w-full justify-between px-2 font-semibold" aria-label={`Org: ${org.name} (switch org)`}>
          <span className="flex min-w-0 items-center gap-2">
            <Building2 aria-hidden="true" className="text-muted-foreground" />
            <span className="truncate">{org.name}</span>
          </span>
          <ChevronsUpDown aria-hidden="true" className="text-muted-foreground" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent className="w-56">
        <DropdownMenuLabel>Switch org</DropdownMenuLabel>
        {orgs.map((other) => (
          <DropdownMenuItem key={other.org.id} asChild>
            <Link href={other.href} aria-current={other.org.id === org.id ? "true" : undefined}>
              {other.org.name}
            </Link>
          </DropdownMenuItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

export function UserMenu({ person }: { person: ShellPerson }) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" className="h-auto w-full justify-start gap-2.5 px-2 py-1.5 text-left">
          <span aria-hidden="true" className="flex size-7 shrink-0 items-center justify-center rounded-full bg-primary text-xs font-semibold text-primary-foreground">
            {person.name.slice(0, 1).toUpperCase()}
          </span>
          <span className="min-w-0">
            <span className="block truncate text-sm font-medium">{person.name}</span>
            <span className="block truncate text-xs font-normal text-muted-foreground">{person.role}</span>
          </span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent side="top" className="w-56">
        <ThemeMenuItems initial={person.theme} />
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <button type="button" className="w-full" onClick={() => void signOut()}>
            <LogOut aria-hidden="true" /> Sign out
          </button>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

function SidebarBody({
  org,
  orgs,
  links,
  person,
  chatroomsHref,
  onNavigate,
}: {
  org: Org;
  orgs: { org: Org; href: string }[];
  links: NavLink[];
  person: ShellPerson;
  chatroomsHref: string;
  onNavigate?: () => void;
}) {
  return (
    <div className="flex h-full flex-col gap-4">
      <div className="space-y-3">
        <p className="px-2 text-sm font-semibold tracking-tight">
          <span aria-hidden="true" className="mr-1.5 inline-block size-2.5 rounded-sm bg-primary" />
          Switchboard
        </p>
        <OrgSwitcher org={org} orgs={orgs} chatroomsHref={chatroomsHref} />
      </div>
      <NavLinks links={links} onNavigate={onNavigate} />
      <div className="mt-auto border-t border-border pt-3">
        <UserMenu person={person} />
      </div>
    </div>
  );
}

/** The org's frame: a sidebar on wide screens, a top bar with a menu sheet on phones. */
export function OrgShell({
  org,
  orgs,
  links,
  person,
  chatroomsHref,
  children,
}: {
  org: Org;
  orgs: { org: Org; href: string }[];
  links: NavLink[];
  person: ShellPerson;
  chatroomsHref: string;
  children: React.ReactNode;
}) {
  const [menuOpen, setMenuOpen] = useState(false);
  const body = { org, orgs, links, person, chatroomsHref };
  return (
    <div className="flex min-h-dvh">
      <aside className="hidden w-60 shrink-0 border-r border-border bg-surface lg:block">
        <div className="sticky top-0 h-dvh px-3 py-4">
          <SidebarBody {...body} />
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-30 flex h-12 items-center gap-2 border-b border-border bg-surface px-3 lg:hidden">
          <Dialog open={menuOpen} onOpenChange={setMenuOpen}>
            <DialogTrigger asChild>
              <Button variant="ghost" size="icon" aria-label="Open the menu">
                <Menu aria-hidden="true" />
              </Button>
            </DialogTrigger>
            <DialogContent title="Menu" side="left">
              <SidebarBody {...body} onNavigate={() => setMenuOpen(false)} />
            </DialogContent>
          </Dialog>
          <p className="truncate text-sm font-semibold">{org.name}</p>
        </header>
        <main id="main" className="mx-auto w-full max-w-[1360px] flex-1 px-4 py-5 sm:px-6 lg:px-8 lg:py-6">
          {children}
        </main>
      </div>
    </div>
  );
}

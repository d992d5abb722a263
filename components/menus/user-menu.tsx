"use client";

import { LogOut, MonitorSmartphone } from "lucide-react";
import { signOut, signOutEverywhere } from "@/app/(dashboard)/sign-out";
import type { ShellPerson } from "../sidebar";
import { ThemeMenuItems } from "../theme-menu";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "../ui/dropdown-menu";

/** The person's menu: theme, sign-out here and on every device. Loaded on intent (see OnIntent); `trigger` is the same button as before. */
export function UserMenu({ person, trigger, defaultOpen }: { person: ShellPerson; trigger: React.ReactNode; defaultOpen: boolean }) {
  return (
    <DropdownMenu defaultOpen={defaultOpen}>
      <DropdownMenuTrigger asChild>{trigger}</DropdownMenuTrigger>
      <DropdownMenuContent side="top" className="w-56">
        <ThemeMenuItems initial={person.theme} />
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <button type="button" className="w-full" onClick={() => void signOut()}>
            <LogOut aria-hidden="true" /> Sign out
          </button>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <button type="button" className="w-full" onClick={() => void signOutEverywhere()}>
            <MonitorSmartphone aria-hidden="true" /> Sign out everywhere
          </button>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

"use client";

import Link from "next/link";
import type { Org } from "@/lib/dashboard/api/schemas";
import { orgFiguresLine } from "@/lib/dashboard/ui/rollup";
import type { SwitcherOrg } from "../sidebar";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "../ui/dropdown-menu";

/** The org switcher's menu, loaded on intent: each org with its figures when they were read, and the roll-up of all. */
export function OrgMenu({
  org,
  orgs,
  trigger,
  defaultOpen,
}: {
  org: Org;
  orgs: SwitcherOrg[];
  trigger: React.ReactNode;
  defaultOpen: boolean;
}) {
  return (
    <DropdownMenu defaultOpen={defaultOpen}>
      <DropdownMenuTrigger asChild>{trigger}</DropdownMenuTrigger>
      <DropdownMenuContent className="w-72">
        <DropdownMenuLabel>Switch org</DropdownMenuLabel>
        {orgs.map((other) => (
          <DropdownMenuItem key={other.org.id} asChild>
            <Link
              href={other.href}
              aria-current={other.org.id === org.id ? "true" : undefined}
              className="flex-col items-start gap-0.5"
            >
              <span>{other.org.name}</span>
              {other.figures ? (
                <span className="text-xs text-muted-foreground" data-testid="org-figures">
                  {orgFiguresLine(other.figures)}
                </span>
              ) : null}
            </Link>
          </DropdownMenuItem>
        ))}
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/orgs">All orgs, with their counts</Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

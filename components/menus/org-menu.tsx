"use client";

import Link from "next/link";
import type { Org } from "@/lib/dashboard/api/schemas";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuTrigger } from "../ui/dropdown-menu";

/** The org switcher's menu, loaded on intent. */
export function OrgMenu({ org, orgs, trigger, defaultOpen }: { org: Org; orgs: { org: Org; href: string }[]; trigger: React.ReactNode; defaultOpen: boolean }) {
  return (
    <DropdownMenu defaultOpen={defaultOpen}>
      <DropdownMenuTrigger asChild>{trigger}</DropdownMenuTrigger>
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

"use client";

import { Monitor, Moon, Sun } from "lucide-react";
import { useState } from "react";
import { THEME_COOKIE, type ThemeChoice } from "@/lib/dashboard/ui/preferences";
import { DropdownMenuLabel, DropdownMenuRadioGroup, DropdownMenuRadioItem } from "./ui/dropdown-menu";

function applyTheme(choice: ThemeChoice) {
  document.cookie = `${THEME_COOKIE}=${choice}; path=/; max-age=31536000; samesite=lax`;
  if (choice === "system") delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = choice;
}

/** Light, dark, or the system's: kept in a cookie so the server renders the next page in it. */
export function ThemeMenuItems({ initial }: { initial: ThemeChoice }) {
  const [choice, setChoice] = useState<ThemeChoice>(initial);
  return (
    <>
      <DropdownMenuLabel>Theme</DropdownMenuLabel>
      <DropdownMenuRadioGroup
        value={choice}
        onValueChange={(value) => {
          setChoice(value as ThemeChoice);
          applyTheme(value as ThemeChoice);
        }}
      >
        <DropdownMenuRadioItem value="system" onSelect={(event) => event.preventDefault()}>
          <Monitor aria-hidden="true" /> System
        </DropdownMenuRadioItem>
        <DropdownMenuRadioItem value="light" onSelect={(event) => event.preventDefault()}>
          <Sun aria-hidden="true" /> Light
        </DropdownMenuRadioItem>
        <DropdownMenuRadioItem value="dark" onSelect={(event) => event.preventDefault()}>
          <Moon aria-hidden="true" /> Dark
        </DropdownMenuRadioItem>
      </DropdownMenuRadioGroup>
    </>
  );
}

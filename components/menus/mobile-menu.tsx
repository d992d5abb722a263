"use client";

import { useState } from "react";
import { SidebarBody, type SidebarProps } from "../sidebar";
import { Dialog, DialogContent, DialogTrigger } from "../ui/dialog";

/** The org's navigation as a sheet on phones, loaded on intent. */
export function MobileMenu({ trigger, defaultOpen, ...sidebar }: SidebarProps & { trigger: React.ReactNode; defaultOpen: boolean }) {
  const [open, setOpen] = useState(defaultOpen);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent title="Menu" side="left">
        <SidebarBody {...sidebar} onNavigate={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}

"use client";

import { Building2, Contact as ContactIcon, CornerDownLeft, Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { Contact } from "@/lib/dashboard/api/schemas";
import { filtersHref } from "@/lib/dashboard/ui/chatroom-urls";
import { formatPhoneNumber } from "@/lib/dashboard/ui/format";
import { contactName } from "@/lib/dashboard/ui/names";
import { chatroomsPath, contactPath } from "@/lib/dashboard/ui/paths";
import { dataPaths } from "@/lib/dashboard/ui/query-keys";
import { shortcutList } from "@/lib/dashboard/ui/shortcut-list";
import { Command, CommandEmpty, CommandGroup, CommandInput, CommandItem, CommandList, Kbd } from "../ui/command";
import { Dialog, DialogContent } from "../ui/dialog";

export interface PaletteTarget {
  label: string;
  href: string;
}

const SEARCH_AFTER_MS = 200;

/** Contacts matching what was typed (name, crm_id or phone), from the dashboard's contact search. */
function useContactSearch(orgId: string, query: string): { contacts: Contact[]; searching: boolean } {
  const [found, setFound] = useState<{ query: string; contacts: Contact[] }>({ query: "", contacts: [] });
  const wanted = query.trim();
  useEffect(() => {
    if (wanted.length < 2) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(dataPaths.contacts(orgId, wanted), { headers: { accept: "application/json" }, signal: controller.signal })
        .then((response) => (response.ok ? (response.json() as Promise<{ items?: Contact[] }>) : { items: [] }))
        .then((body) => setFound({ query: wanted, contacts: body.items ?? [] }))
        .catch(() => undefined);
    }, SEARCH_AFTER_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [orgId, wanted]);
  if (wanted.length < 2) return { contacts: [], searching: false };
  return { contacts: found.query === wanted ? found.contacts : [], searching: found.query !== wanted };
}

const matches = (label: string, query: string) => label.toLowerCase().includes(query.trim().toLowerCase());

/**
 * The command palette: find a contact by name, crm_id or phone (or search the chatrooms for it), jump to a
 * page of the org, switch org, start a new chatroom. Filtering is ours (cmdk's is off) because contacts come
 * from the server as one types.
 */
export function CommandPalette({
  open,
  onOpenChange,
  orgId,
  pages,
  orgs,
  newChatroomHref,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  orgId: string;
  pages: PaletteTarget[];
  orgs: PaletteTarget[];
  newChatroomHref: string | null;
}) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState("");
  const { contacts, searching } = useContactSearch(orgId, query);
  const go = (href: string) => {
    onOpenChange(false);
    setQuery("");
    router.push(href);
  };
  const typed = query.trim();
  const shownPages = [...(newChatroomHref ? [{ label: "New chatroom", href: newChatroomHref }] : []), ...pages].filter((page) => matches(page.label, query));
  const shownOrgs = orgs.filter((org) => matches(org.label, query));
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title="Command palette" description="Find a contact or chatroom, go to a page, or switch org." className="gap-2 p-3 sm:top-[20%] sm:translate-y-0"
        onOpenAutoFocus={(event) => {
          // Straight into the search field, not onto the close button.
          event.preventDefault();
          input.current?.focus();
        }}
      >
        <Command label="Search the dashboard" shouldFilter={false} loop>
          <CommandInput ref={input} value={query} onValueChange={setQuery} placeholder="Name, CRM id or phone, or a page…" />
          <CommandList>
            <CommandEmpty>{searching ? "Searching…" : "Nothing matches."}</CommandEmpty>
            {typed.length >= 2 ? (
              <CommandGroup heading="Contacts and chatrooms">
                {contacts.map((contact) => (
                  <CommandItem key={contact.id} value={`contact-${contact.id}`} onSelect={() => go(contactPath(orgId, contact.id))}>
                    <ContactIcon aria-hidden="true" />
                    <span className="min-w-0 flex-1">
                      <span className="block truncate">{contactName(contact)}</span>
                      <span className="block truncate text-xs text-muted-foreground">
                        {contact.crm_id} · {formatPhoneNumber(contact.phone_number)}
                      </span>
                    </span>
                  </CommandItem>
                ))}
                <CommandItem value="search-chatrooms" onSelect={() => go(filtersHref(chatroomsPath(orgId), { q: typed }))}>
                  <Search aria-hidden="true" />
                  <span className="truncate">Chatrooms matching “{typed}”</span>
                </CommandItem>
              </CommandGroup>
            ) : null}
            {shownPages.length > 0 ? (
              <CommandGroup heading="Go to">
                {shownPages.map((page) => (
                  <CommandItem key={page.href} value={`page-${page.href}`} onSelect={() => go(page.href)}>
                    <CornerDownLeft aria-hidden="true" />
                    {page.label}
                  </CommandItem>
                ))}
              </CommandGroup>
            ) : null}
            {shownOrgs.length > 0 ? (
              <CommandGroup heading="Switch org">
                {shownOrgs.map((org) => (
                  <CommandItem key={org.href} value={`org-${org.href}`} onSelect={() => go(org.href)}>
                    <Building2 aria-hidden="true" />
                    {org.label}
                  </CommandItem>
                ))}
              </CommandGroup>
            ) : null}
          </CommandList>
        </Command>
      </DialogContent>
    </Dialog>
  );
}

/** The `?` list. */
export function ShortcutHelp({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title="Keyboard shortcuts" description="The single keys do nothing while you type in a field.">
        <dl className="divide-y divide-border text-sm" data-testid="shortcut-list">
          {shortcutList.map((shortcut) => (
            <div key={shortcut.action} className="flex items-center justify-between gap-4 py-2">
              <dt className="flex shrink-0 gap-1">
                {shortcut.keys.map((key) => (
                  <Kbd key={key}>{key}</Kbd>
                ))}
              </dt>
              <dd className="text-right text-muted-foreground">{shortcut.action}</dd>
            </div>
          ))}
        </dl>
      </DialogContent>
    </Dialog>
  );
}

"use client";

import { OnIntent } from "./ui/on-intent";

const loadDialogs = () => import("./menus/saved-view-dialogs");

/** "Save view": its form loads on first intent; `children` is the button, rendered on the server. */
export function SaveViewTrigger({
  orgId,
  query,
  children,
}: {
  orgId: string;
  query: string;
  children: React.ReactNode;
}) {
  return (
    <OnIntent
      load={loadDialogs}
      render={({ SaveViewDialog }, open) => (
        <SaveViewDialog orgId={orgId} query={query} trigger={children} defaultOpen={open} />
      )}
    >
      {children}
    </OnIntent>
  );
}

/** Rename or delete one of the person's views: the same, for the view's menu button. */
export function EditViewTrigger({
  orgId,
  view,
  children,
}: {
  orgId: string;
  view: { id: string; name: string };
  children: React.ReactNode;
}) {
  return (
    <OnIntent
      load={loadDialogs}
      render={({ EditViewDialog }, open) => (
        <EditViewDialog orgId={orgId} view={view} trigger={children} defaultOpen={open} />
      )}
    >
      {children}
    </OnIntent>
  );
}

import { Bookmark, BookmarkPlus, Ellipsis } from "lucide-react";
import Link from "next/link";
import type { ViewLink } from "@/lib/dashboard/ui/saved-views";
import { EditViewTrigger, SaveViewTrigger } from "./saved-view-triggers";
import { Button } from "./ui/button";
import { cn } from "./ui/cn";

/**
 * The list's views beside its filters: built-in ones, then the person's own. Applying one is following its
 * link (a view is a named URL query); every view the list shows now is marked. Rendered on the server; only
 * the save and edit buttons run in the browser, and their forms load on first intent.
 */
export function SavedViews({ orgId, views, currentQuery }: { orgId: string; views: ViewLink[]; currentQuery: string }) {
  const saveButton = (
    <Button
      variant="ghost"
      size="sm"
      disabled={currentQuery === ""}
      title={currentQuery === "" ? "Choose filters or a sort first" : undefined}
    >
      <BookmarkPlus aria-hidden="true" /> Save view
    </Button>
  );
  return (
    <nav aria-label="Views" className="flex flex-wrap items-center gap-1.5" data-testid="saved-views">
      <Bookmark aria-hidden="true" className="size-4 text-muted-foreground" />
      <ul className="flex flex-wrap items-center gap-1.5">
        {views.map((view) => {
          const active = view.query !== null && view.query === currentQuery;
          return (
            <li
              key={view.key}
              className="flex items-center"
              data-testid="view"
              data-view-name={view.name}
              data-builtin={view.savedId ? undefined : "true"}
            >
              <Link
                href={view.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "rounded-full border px-2.5 py-0.5 text-sm",
                  active
                    ? "border-primary bg-primary text-primary-foreground"
                    : "border-border text-foreground hover:bg-surface-hover",
                )}
              >
                {view.name}
              </Link>
              {view.savedId ? (
                <EditViewTrigger orgId={orgId} view={{ id: view.savedId, name: view.name }}>
                  <Button
                    variant="ghost"
                    size="icon"
                    className="size-6"
                    aria-label={`Rename or delete the view ${view.name}`}
                  >
                    <Ellipsis aria-hidden="true" />
                  </Button>
                </EditViewTrigger>
              ) : null}
            </li>
          );
        })}
      </ul>
      {currentQuery === "" ? (
        saveButton
      ) : (
        <SaveViewTrigger orgId={orgId} query={currentQuery}>
          {saveButton}
        </SaveViewTrigger>
      )}
    </nav>
  );
}

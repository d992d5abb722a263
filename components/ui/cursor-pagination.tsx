import Link from "next/link";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { buttonVariants } from "./button";
import { cn } from "./cn";

/** Previous and Next of a keyset-paginated list, with what is shown out of how many. */
export function CursorPagination({ summary, previousHref, nextHref }: { summary: string; previousHref: string | null; nextHref: string | null }) {
  const button = cn(buttonVariants({ variant: "secondary", size: "sm" }));
  const off = cn(button, "pointer-events-none opacity-50");
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-2 text-sm">
      <p className="text-muted-foreground" data-testid="page-summary">
        {summary}
      </p>
      <div className="flex gap-2">
        {previousHref ? (
          <Link href={previousHref} className={button} rel="prev">
            <ChevronLeft aria-hidden="true" /> Previous
          </Link>
        ) : (
          <span className={off} aria-disabled="true">
            <ChevronLeft aria-hidden="true" /> Previous
          </span>
        )}
        {nextHref ? (
          <Link href={nextHref} className={button} rel="next">
            Next <ChevronRight aria-hidden="true" />
          </Link>
        ) : (
          <span className={off} aria-disabled="true">
            Next <ChevronRight aria-hidden="true" />
          </span>
        )}
      </div>
    </nav>
  );
}

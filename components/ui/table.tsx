import Link from "next/link";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { cn } from "./cn";

/** Table parts with one look: a bordered surface, a quiet header, dense rows. */
export function Table({ className, children, ...props }: React.TableHTMLAttributes<HTMLTableElement>) {
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-surface shadow-xs">
      <table className={cn("w-full border-collapse text-sm", className)} {...props}>
        {children}
      </table>
    </div>
  );
}

export function TableHead({ className, ...props }: React.HTMLAttributes<HTMLTableSectionElement>) {
  return <thead className={cn("border-b border-border bg-surface-muted text-left text-xs text-muted-foreground", className)} {...props} />;
}

export function TableBody({ className, ...props }: React.HTMLAttributes<HTMLTableSectionElement>) {
  return <tbody className={cn("divide-y divide-border", className)} {...props} />;
}

export function TableRow({ className, ...props }: React.HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={cn("hover:bg-surface-muted", className)} {...props} />;
}

export function TableHeaderCell({ className, ...props }: React.ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope="col" className={cn("h-9 px-3 font-medium whitespace-nowrap", className)} {...props} />;
}

export function TableCell({ className, ...props }: React.TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn("px-3 py-2 align-middle", className)} {...props} />;
}

/** A column header that sorts on the server: a link to the same view sorted by it, saying which way. */
export function SortableHeader({ label, href, direction }: { label: string; href: string; direction: "asc" | "desc" | null }) {
  const Icon = direction === "asc" ? ArrowUp : direction === "desc" ? ArrowDown : ArrowUpDown;
  return (
    <Link href={href} className="-mx-1 inline-flex items-center gap-1 rounded px-1 py-0.5 hover:bg-surface-hover hover:text-foreground" scroll={false}>
      {label}
      <Icon aria-hidden="true" className={cn("size-3.5", direction ? "text-foreground" : "opacity-50")} />
      <span className="sr-only">{direction === "asc" ? ", sorted ascending" : direction === "desc" ? ", sorted descending" : ", sort"}</span>
    </Link>
  );
}

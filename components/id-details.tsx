import { ChevronRight } from "lucide-react";
import { CopyButton } from "./ui/copy-button";

/** The ids behind what a person reads, for when someone needs to copy one (support, the API). */
export function IdDetails({ items }: { items: { label: string; value: string }[] }) {
  return (
    <details className="group rounded-lg border border-border bg-surface text-sm">
      <summary className="flex cursor-pointer list-none items-center gap-1.5 px-3 py-2 font-medium text-muted-foreground hover:text-foreground [&::-webkit-details-marker]:hidden">
        <ChevronRight aria-hidden="true" className="size-4 transition-transform group-open:rotate-90" />
        Details
      </summary>
      <dl className="divide-y divide-border border-t border-border">
        {items.map((item) => (
          <div key={item.label} className="flex items-center justify-between gap-3 px-3 py-1.5">
            <dt className="text-muted-foreground">{item.label}</dt>
            <dd className="flex min-w-0 items-center gap-1">
              <code className="truncate font-mono text-xs">{item.value}</code>
              <CopyButton value={item.value} label={item.label.toLowerCase()} />
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

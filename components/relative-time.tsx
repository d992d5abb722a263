import { exactTime, relativeTime } from "@/lib/dashboard/ui/format";

/** "in 3 days", with the exact time on hover (and to assistive technology through the time element). */
export function RelativeTime({ at, now }: { at: string | null; now: string }) {
  if (!at) return <span className="text-muted-foreground">—</span>;
  return (
    <time dateTime={at} title={exactTime(at)} className="whitespace-nowrap">
      {relativeTime(at, now)}
    </time>
  );
}

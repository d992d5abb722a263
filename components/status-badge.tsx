import { CircleCheck, CirclePause, CircleX, Hourglass } from "lucide-react";
import { reasonLabel, statusLabel } from "@/lib/dashboard/ui/format";
import { Badge } from "./ui/badge";

/** Status in words with an icon, so that colour is never the only carrier of the state. */
export function StatusBadge({ status, reason, pending }: { status: string; reason?: string | null; pending?: boolean }) {
  const Icon = status === "active" ? CircleCheck : status === "deactivated" ? CirclePause : CircleX;
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5" data-testid="status-badge" data-status={status}>
      <Badge tone={status === "active" ? "success" : status === "deactivated" ? "warning" : "neutral"}>
        <Icon aria-hidden="true" />
        {statusLabel[status] ?? status}
      </Badge>
      {reason ? <span className="text-xs text-muted-foreground">({reasonLabel[reason] ?? "other reason"})</span> : null}
      {pending ? (
        <Badge tone="info">
          <Hourglass aria-hidden="true" />
          Pending handover
        </Badge>
      ) : null}
    </span>
  );
}

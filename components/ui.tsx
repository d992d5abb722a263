import { exactTime, reasonLabel, relativeTime } from "@/lib/dashboard/ui/format";

/** Small presentational pieces shared by server and client components. */

export function RelativeTime({ at, now }: { at: string | null; now: string }) {
  if (!at) return <span className="text-slate-500">—</span>;
  return (
    <time dateTime={at} title={exactTime(at)} className="whitespace-nowrap">
      {relativeTime(at, now)}
    </time>
  );
}

const statusStyle: Record<string, string> = {
  active: "bg-emerald-100 text-emerald-900 ring-emerald-300",
  deactivated: "bg-amber-100 text-amber-900 ring-amber-300",
  expired: "bg-slate-200 text-slate-800 ring-slate-400",
  pending: "bg-sky-100 text-sky-900 ring-sky-300",
};

/** Status as text (with a symbol), so that colour is never the only carrier of the state. */
export function StatusBadge({ status, reason, pending }: { status: string; reason?: string | null; pending?: boolean }) {
  const symbol = status === "active" ? "●" : status === "deactivated" ? "○" : "✕";
  return (
    <span className="inline-flex flex-wrap items-center gap-1" data-testid="status-badge" data-status={status}>
      <span className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium ring-1 ${statusStyle[status] ?? statusStyle.expired}`}>
        <span aria-hidden="true">{symbol}</span>
        {status}
      </span>
      {reason ? <span className="text-xs text-slate-700">({reasonLabel[reason] ?? reason})</span> : null}
      {pending ? (
        <span className={`rounded px-1.5 py-0.5 text-xs font-medium ring-1 ${statusStyle.pending}`}>pending handover</span>
      ) : null}
    </span>
  );
}

export function Notice({ tone = "info", title, children }: { tone?: "info" | "warn" | "error"; title: string; children?: React.ReactNode }) {
  const style = tone === "error" ? "border-red-300 bg-red-50" : tone === "warn" ? "border-amber-300 bg-amber-50" : "border-slate-300 bg-white";
  return (
    <div className={`rounded-md border p-4 ${style}`} role={tone === "error" ? "alert" : undefined}>
      <p className="font-medium">{title}</p>
      {children ? <div className="mt-1 text-sm text-slate-700">{children}</div> : null}
    </div>
  );
}

export function ExtensionMissing({ what }: { what: string }) {
  return (
    <Notice tone="warn" title={`This server does not provide ${what}.`}>
      The chatroom API this dashboard talks to lacks the endpoint (an extension of ours); the rest of the page works.
    </Notice>
  );
}

/** Why a part of a page has no data: the server lacks that extension endpoint, or it answered an error. */
export function LoadFailure({ error, what, title }: { error: { missing: boolean; description: string }; what: string; title: string }) {
  if (error.missing) return <ExtensionMissing what={what} />;
  return (
    <Notice tone="error" title={title}>
      {error.description}
    </Notice>
  );
}

export function Skeleton({ rows = 6 }: { rows?: number }) {
  return (
    <div aria-busy="true" aria-label="Loading" className="space-y-2">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="h-8 animate-pulse rounded bg-slate-200" />
      ))}
    </div>
  );
}

export const buttonClass =
  "inline-flex items-center justify-center rounded-md bg-blue-700 px-3 py-2 text-sm font-medium text-white hover:bg-blue-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 disabled:cursor-not-allowed disabled:opacity-50";
export const secondaryButtonClass =
  "inline-flex items-center justify-center rounded-md border border-slate-400 bg-white px-3 py-2 text-sm font-medium text-slate-900 hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 disabled:cursor-not-allowed disabled:opacity-50";
export const dangerButtonClass =
  "inline-flex items-center justify-center rounded-md bg-red-700 px-3 py-2 text-sm font-medium text-white hover:bg-red-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-700 disabled:cursor-not-allowed disabled:opacity-50";
export const inputClass =
  "mt-1 block w-full rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm focus-visible:outline focus-visible:outline-2 focus-visible:outline-blue-700";
export const linkClass = "text-blue-800 underline hover:text-blue-900";

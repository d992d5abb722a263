import { cva, type VariantProps } from "class-variance-authority";
import { AlertTriangle, Info, OctagonAlert } from "lucide-react";
import { cn } from "./cn";

const calloutVariants = cva("flex gap-2.5 rounded-lg border p-3 text-sm", {
  variants: {
    tone: {
      info: "border-info-border bg-info-soft",
      warning: "border-warning-border bg-warning-soft",
      danger: "border-danger-border bg-danger-soft",
    },
  },
  defaultVariants: { tone: "info" },
});

const icons = { info: Info, warning: AlertTriangle, danger: OctagonAlert };
const iconTone = { info: "text-info", warning: "text-warning", danger: "text-danger" };

/** A boxed message in the page: a title sentence and what to do. Danger ones are announced (role=alert). */
export function Callout({
  tone = "info",
  title,
  children,
  className,
  ...props
}: { title: string; children?: React.ReactNode } & VariantProps<typeof calloutVariants> & Omit<React.HTMLAttributes<HTMLDivElement>, "title">) {
  const key = tone ?? "info";
  const Icon = icons[key];
  return (
    <div role={key === "danger" ? "alert" : undefined} className={cn(calloutVariants({ tone }), className)} {...props}>
      <Icon aria-hidden="true" className={cn("mt-0.5 size-4 shrink-0", iconTone[key])} />
      <div className="min-w-0 space-y-1">
        <p className="font-medium text-foreground">{title}</p>
        {children ? <div className="text-foreground">{children}</div> : null}
      </div>
    </div>
  );
}

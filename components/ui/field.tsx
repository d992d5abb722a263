import { ChevronDown } from "lucide-react";
import { cn } from "./cn";

export const controlClass =
  "block w-full rounded-md border border-border-strong bg-surface px-2.5 py-1.5 text-sm text-foreground shadow-xs placeholder:text-muted-foreground focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-ring disabled:opacity-60 aria-[invalid=true]:border-danger";

export function Input({ className, ...props }: React.ComponentProps<"input">) {
  return <input className={cn(controlClass, "h-8", className)} {...props} />;
}

export function Textarea({ className, ...props }: React.ComponentProps<"textarea">) {
  return <textarea className={cn(controlClass, className)} {...props} />;
}

export function NativeSelect({ className, ...props }: React.ComponentProps<"select">) {
  return (
    <span className={cn("relative block", className)}>
      <select className={cn(controlClass, "h-8 appearance-none pr-8")} {...props} />
      <ChevronDown aria-hidden="true" className="pointer-events-none absolute top-2 right-2.5 size-4 text-muted-foreground" />
    </span>
  );
}

function Checkbox({ className, ...props }: Omit<React.ComponentProps<"input">, "type">) {
  return <input type="checkbox" className={cn("mt-0.5 size-4 shrink-0 rounded accent-primary", className)} {...props} />;
}

/** The ids a field's control points at: its hint and its error. */
export function fieldIds(id: string, { hint, error }: { hint?: boolean; error?: string }) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return { id, "aria-describedby": describedBy || undefined, "aria-invalid": error ? true : undefined };
}

/** A label, the control, a hint and an error, wired together for assistive technology. */
export function Field({
  id,
  label,
  hint,
  error,
  children,
  className,
}: {
  id: string;
  label: React.ReactNode;
  hint?: React.ReactNode;
  error?: string;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <div className={cn("space-y-1.5", className)}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="text-xs font-medium text-danger">
      {message}
    </p>
  );
}

/** A checkbox with its label and a sentence saying what it does. */
export function CheckboxField({
  id,
  label,
  hint,
  ...props
}: { id: string; label: React.ReactNode; hint?: React.ReactNode } & Omit<React.ComponentProps<"input">, "type" | "id">) {
  return (
    <div className="flex items-start gap-2.5">
      <Checkbox id={id} aria-describedby={hint ? `${id}-hint` : undefined} {...props} />
      <div className="space-y-0.5">
        <label htmlFor={id} className="block text-sm font-medium">
          {label}
        </label>
        {hint ? (
          <p id={`${id}-hint`} className="text-xs text-muted-foreground">
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}

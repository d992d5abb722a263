"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useEffect, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { cancelBulkAction, startBulkAction } from "@/app/(dashboard)/actions";
import type { BulkAnswer, BulkJobDetail, Group, OrgUser } from "@/lib/dashboard/api/schemas";
import { bulkDeactivateFormSchema, deactivationReasons, reassignBodyOf, reassignFormSchema, type BulkDeactivateForm, type ReassignForm } from "@/lib/dashboard/ui/forms";
import { formatCount, reasonLabel } from "@/lib/dashboard/ui/format";
import { chatroomPath } from "@/lib/dashboard/ui/paths";
import { dataPaths, fetchData } from "@/lib/dashboard/ui/query-keys";
import { AssignmentFields } from "./assignment-fields";
import { runAction } from "./run-action";
import { Badge } from "./ui/badge";
import { Button } from "./ui/button";
import { Callout } from "./ui/callout";
import { Dialog, DialogContent, DialogFooter } from "./ui/dialog";
import { Field, Textarea, fieldIds } from "./ui/field";
import { Select } from "./ui/select";
import { notify } from "./ui/toaster";

/** The rooms a bulk action covers: the ones ticked, or every one matching the list's filter. */
export type BulkTarget = ({ chatroom_ids: string[]; filter?: never } | { filter: Record<string, string>; chatroom_ids?: never }) & { label: string };

export interface BulkDialogProps {
  orgId: string;
  action: "reassign" | "deactivate";
  target: BulkTarget;
  users: OrgUser[];
  groups: Group[];
  noteRequired: boolean;
  /** `ran`: a job was started, so the list has changed. */
  onClose: (ran: boolean) => void;
}

type Body = { action: "reassign"; params: ReturnType<typeof reassignBodyOf> } | { action: "deactivate"; params: { deactivation_reason: BulkDeactivateForm["deactivation_reason"] } };
type DryRun = Extract<BulkAnswer, { dry_run: true }>;

/** Why rooms are left as they are, in words (the API's skip reasons). */
const skipReasonLabel: Record<string, string> = {
  expired: "expired (expiry is final)",
  deactivated: "not active",
  already_deactivated: "already deactivated",
  no_assignable_user: "nobody can be assigned (the user is disabled or the group has no active member)",
  unchanged: "already assigned that way",
};

const outcomeTone = { done: "success", skipped: "warning", failed: "danger", pending: "neutral" } as const;
const outcomeLabel = { done: "Done", skipped: "Skipped", failed: "Failed", pending: "Not reached" } as const;

/**
 * A bulk reassign or deactivation in three steps: the choice (as the single-room forms ask it), a dry run
 * that says what would happen to how many rooms and why some would be skipped, then the job's progress
 * (polled) with Cancel, and its per-room results at the end.
 */
export default function BulkDialog({ orgId, action, target, users, groups, noteRequired, onClose }: BulkDialogProps) {
  const [request, setRequest] = useState<{ body: Body; note: string; dryRun: DryRun } | null>(null);
  const [bulkId, setBulkId] = useState<string | null>(null);
  const selection = target.chatroom_ids ? { chatroom_ids: target.chatroom_ids } : { filter: target.filter };
  const title = action === "reassign" ? "Reassign chatrooms" : "Deactivate chatrooms";

  async function check(body: Body, note: string) {
    await runAction(() => startBulkAction(orgId, { body: { ...body, ...selection, dry_run: true }, note: note || undefined }), {
      ok: (answer) => {
        if (answer.dry_run) setRequest({ body, note, dryRun: answer });
      },
    });
  }
  async function run() {
    if (!request) return;
    await runAction(() => startBulkAction(orgId, { body: { ...request.body, ...selection, dry_run: false }, note: request.note || undefined }), {
      ok: (answer) => {
        if (!answer.dry_run) setBulkId(answer.bulk_id);
      },
    });
  }

  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose(bulkId !== null))}>
      <DialogContent title={title} description={`For ${target.label}.`} data-testid="bulk-dialog">
        {bulkId ? (
          <Progress orgId={orgId} bulkId={bulkId} note={request?.note ?? ""} onDone={() => onClose(true)} />
        ) : request ? (
          <Preview dryRun={request.dryRun} action={action} onBack={() => setRequest(null)} onRun={run} />
        ) : action === "reassign" ? (
          <ReassignStep users={users} groups={groups} noteRequired={noteRequired} onCheck={check} />
        ) : (
          <DeactivateStep noteRequired={noteRequired} onCheck={check} />
        )}
      </DialogContent>
    </Dialog>
  );
}

function NoteField({ id, error, required, ...props }: { id: string; error?: string; required: boolean } & React.ComponentProps<"textarea">) {
  return (
    <Field id={id} label={`Note for the audit ${required ? "(required)" : "(optional)"}`} hint="Kept with every chatroom's change." error={error}>
      <Textarea rows={2} {...fieldIds(id, { hint: true, error })} {...props} />
    </Field>
  );
}

const NOTE_NEEDED = "Write a note: support agents give one with every change.";

/** Both actions' forms end in the dry run. */
function CheckFooter({ submitting }: { submitting: boolean }) {
  return (
    <DialogFooter>
      <Button type="submit" disabled={submitting}>
        {submitting ? "Checking…" : "Check what would happen"}
      </Button>
    </DialogFooter>
  );
}

function ReassignStep({ users, groups, noteRequired, onCheck }: { users: OrgUser[]; groups: Group[]; noteRequired: boolean; onCheck: (body: Body, note: string) => Promise<void> }) {
  const form = useForm<ReassignForm>({
    resolver: zodResolver(reassignFormSchema),
    defaultValues: { assign_mode: "USER", user_id: "", group_id: "", assign_on_handover: false, note: "" },
  });
  const { register, handleSubmit, setError, formState, control } = form;
  async function submit(values: ReassignForm) {
    if (noteRequired && !values.note) return setError("note", { message: NOTE_NEEDED }, { shouldFocus: true });
    await onCheck({ action: "reassign", params: reassignBodyOf(values) }, values.note);
  }
  return (
    <form onSubmit={handleSubmit(submit)} noValidate className="space-y-4" data-hydrated="true">
      <p className="text-sm">Every current member of each chatroom loses access; the new assignee gets it, as a single reassign does.</p>
      <AssignmentFields control={control} errors={formState.errors} users={users} groups={groups} allowNone={false} idPrefix="bulk-reassign" />
      <NoteField id="bulk-reassign-note" {...register("note")} error={formState.errors.note?.message} required={noteRequired} />
      <CheckFooter submitting={formState.isSubmitting} />
    </form>
  );
}

function DeactivateStep({ noteRequired, onCheck }: { noteRequired: boolean; onCheck: (body: Body, note: string) => Promise<void> }) {
  const form = useForm<BulkDeactivateForm>({
    resolver: zodResolver(bulkDeactivateFormSchema),
    defaultValues: { deactivation_reason: "AGENT_REQUEST", note: "" },
  });
  const { register, handleSubmit, setError, formState, control, setValue } = form;
  const reason = useWatch({ control, name: "deactivation_reason" });
  async function submit(values: BulkDeactivateForm) {
    if (noteRequired && !values.note) return setError("note", { message: NOTE_NEEDED }, { shouldFocus: true });
    await onCheck({ action: "deactivate", params: { deactivation_reason: values.deactivation_reason } }, values.note);
  }
  return (
    <form onSubmit={handleSubmit(submit)} noValidate className="space-y-4" data-hydrated="true">
      <p className="text-sm">The leads&apos; messages stop reaching these chatrooms. Members keep read access to their history.</p>
      <Field id="bulk-deactivate-reason" label="Reason" error={formState.errors.deactivation_reason?.message}>
        <Select
          id="bulk-deactivate-reason"
          value={reason}
          onValueChange={(value) => setValue("deactivation_reason", value as BulkDeactivateForm["deactivation_reason"])}
          options={deactivationReasons.map((value) => ({ value, label: reasonLabel[value] ?? value }))}
        />
      </Field>
      <NoteField id="bulk-deactivate-note" {...register("note")} error={formState.errors.note?.message} required={noteRequired} />
      <CheckFooter submitting={formState.isSubmitting} />
    </form>
  );
}

function Preview({ dryRun, action, onBack, onRun }: { dryRun: DryRun; action: "reassign" | "deactivate"; onBack: () => void; onRun: () => Promise<void> }) {
  const [running, setRunning] = useState(false);
  const verb = action === "reassign" ? "reassigned" : "deactivated";
  const reasons = Object.entries(dryRun.skip_reasons);
  return (
    <div className="space-y-4" data-testid="bulk-preview">
      <p className="text-sm">Nothing has changed yet. Run it and this is what would happen now:</p>
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
        <dt className="text-muted-foreground">Chatrooms</dt>
        <dd data-testid="bulk-preview-total">{formatCount(dryRun.total)}</dd>
        <dt className="text-muted-foreground">Would be {verb}</dt>
        <dd data-testid="bulk-preview-apply">{formatCount(dryRun.would_apply)}</dd>
        <dt className="text-muted-foreground">Would be skipped</dt>
        <dd data-testid="bulk-preview-skip">{formatCount(dryRun.would_skip)}</dd>
      </dl>
      {reasons.length > 0 ? (
        <ul className="list-disc space-y-0.5 pl-5 text-sm" aria-label="Why some would be skipped" data-testid="bulk-preview-reasons">
          {reasons.map(([reason, count]) => (
            <li key={reason} data-reason={reason}>
              {formatCount(count)} {skipReasonLabel[reason] ?? reason}
            </li>
          ))}
        </ul>
      ) : null}
      {dryRun.would_apply === 0 ? <Callout tone="warning" title="Nothing would change." /> : null}
      <DialogFooter>
        <Button variant="secondary" onClick={onBack}>
          Back
        </Button>
        <Button
          variant={action === "deactivate" ? "danger" : "primary"}
          disabled={running || dryRun.would_apply === 0}
          onClick={async () => {
            setRunning(true);
            await onRun();
            setRunning(false);
          }}
        >
          {running ? "Starting…" : `Run on ${formatCount(dryRun.total)} chatroom${dryRun.total === 1 ? "" : "s"}`}
        </Button>
      </DialogFooter>
    </div>
  );
}

const unfinished = (status: string) => status === "queued" || status === "running";

/** The job as the data request answers it, asked again every second until it has finished. */
function usePolledJob(orgId: string, bulkId: string) {
  const [job, setJob] = useState<BulkJobDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const data = await fetchData<BulkJobDetail>(dataPaths.bulkJob(orgId, bulkId, ""));
        if (stopped) return;
        setJob(data);
        setError(null);
        if (!unfinished(data.status)) return;
      } catch (failure) {
        if (stopped) return;
        setError(failure instanceof Error ? failure.message : "The progress could not be loaded.");
      }
      timer = setTimeout(poll, 1000);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [orgId, bulkId, round]);
  return { data: job, error, refetch: () => setRound((value) => value + 1) };
}

function Progress({ orgId, bulkId, note, onDone }: { orgId: string; bulkId: string; note: string; onDone: () => void }) {
  const [cancelling, setCancelling] = useState(false);
  const job = usePolledJob(orgId, bulkId);
  if (!job.data) return <p className="text-sm text-muted-foreground">{job.error ?? "Starting…"}</p>;
  const { total, done, skipped, failed, status } = job.data;
  const processed = done + skipped + failed;
  const percent = total === 0 ? 100 : Math.round((processed / total) * 100);
  const statusText =
    status === "done" ? "Finished." : status === "cancelled" ? "Cancelled: the rest was left as it was." : status === "failed" ? "The job stopped on an error." : "Working…";
  return (
    <div className="space-y-4" data-testid="bulk-progress" data-status={status}>
      <div className="space-y-1.5">
        <div className="flex justify-between text-sm">
          <span aria-live="polite" data-testid="bulk-status">
            {statusText}
          </span>
          <span className="text-muted-foreground">
            {formatCount(processed)} of {formatCount(total)}
          </span>
        </div>
        <div role="progressbar" aria-label="Progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="h-2 overflow-hidden rounded-full bg-surface-muted">
          <div className="h-full rounded-full bg-primary transition-[width]" style={{ width: `${percent}%` }} />
        </div>
        <p className="text-xs text-muted-foreground" data-testid="bulk-counts">
          {formatCount(done)} done · {formatCount(skipped)} skipped · {formatCount(failed)} failed
        </p>
      </div>
      {unfinished(status) ? (
        <DialogFooter>
          <Button
            variant="secondary"
            disabled={cancelling}
            onClick={async () => {
              setCancelling(true);
              await runAction(() => cancelBulkAction(orgId, bulkId, { note: note || undefined }), {
                ok: async () => {
                  notify.success("The job stops after the chatrooms it is on now.");
                  job.refetch();
                },
              });
              setCancelling(false);
            }}
          >
            {cancelling ? "Cancelling…" : "Cancel"}
          </Button>
        </DialogFooter>
      ) : (
        <Results orgId={orgId} bulkId={bulkId} first={job.data} onDone={onDone} />
      )}
    </div>
  );
}

function Results({ orgId, bulkId, first, onDone }: { orgId: string; bulkId: string; first: BulkJobDetail; onDone: () => void }) {
  const [pages, setPages] = useState<BulkJobDetail["results"][]>([first.results]);
  const [loading, setLoading] = useState(false);
  const next = pages[pages.length - 1]!.next_cursor;
  const items = pages.flatMap((page) => page.items);
  return (
    <div className="space-y-3">
      <ul className="max-h-72 divide-y divide-border overflow-y-auto rounded-md border border-border text-sm" aria-label="Result per chatroom" data-testid="bulk-results">
        {items.map((item) => (
          <li key={item.chatroom_id} className="flex items-center justify-between gap-3 px-3 py-1.5" data-testid="bulk-result" data-outcome={item.outcome}>
            <Link href={chatroomPath(orgId, item.chatroom_id)} className="min-w-0 truncate hover:underline">
              {item.display_name}
            </Link>
            <span className="flex shrink-0 items-center gap-2">
              {item.reason && item.outcome !== "done" ? <span className="text-xs text-muted-foreground">{skipReasonLabel[item.reason] ?? item.reason}</span> : null}
              <Badge tone={outcomeTone[item.outcome]}>{outcomeLabel[item.outcome]}</Badge>
            </span>
          </li>
        ))}
      </ul>
      <DialogFooter>
        {next ? (
          <Button
            variant="secondary"
            disabled={loading}
            onClick={async () => {
              setLoading(true);
              try {
                const page = await fetchData<BulkJobDetail>(dataPaths.bulkJob(orgId, bulkId, next));
                setPages((current) => [...current, page.results]);
              } catch (error) {
                notify.failure("The next results could not be loaded.", error instanceof Error ? error.message : "Try again.");
              } finally {
                setLoading(false);
              }
            }}
          >
            {loading ? "Loading…" : "Show more"}
          </Button>
        ) : null}
        <Button onClick={onDone}>Done</Button>
      </DialogFooter>
    </div>
  );
}

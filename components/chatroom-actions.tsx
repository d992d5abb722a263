"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Power, PowerOff, UserRoundCog } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, useWatch, type FieldValues, type Path, type UseFormSetError } from "react-hook-form";
import { activateChatroomAction, deactivateChatroomAction, reassignChatroomAction } from "@/app/(dashboard)/actions";
import type { ActionError } from "@/lib/dashboard/ui/action-result";
import type { ChatroomDetail } from "@/lib/dashboard/api/schemas";
import type { Section } from "@/lib/dashboard/api/sections";
import { deactivateFormSchema, deactivationReasons, reassignBodyOf, reassignFormSchema, type DeactivateForm, type ReassignForm } from "@/lib/dashboard/ui/forms";
import { formatPhoneNumber, reasonLabel } from "@/lib/dashboard/ui/format";
import { fieldErrorsOfSubject } from "@/lib/dashboard/ui/messages";
import { assigneeLabel, groupName, phoneLabel, roomContactName, userName, type Directory } from "@/lib/dashboard/ui/names";
import { chatroomPath } from "@/lib/dashboard/ui/paths";
import { dataPaths, fetchData, queryKeys } from "@/lib/dashboard/ui/query-keys";
import { AssignmentFields } from "./assignment-fields";
import { ConflictPanel } from "./conflict-panel";
import { runAction } from "./run-action";
import { Button } from "./ui/button";
import { Callout } from "./ui/callout";
import { Dialog, DialogContent, DialogFooter, DialogTrigger } from "./ui/dialog";
import { CheckboxField, Field, Textarea, fieldIds } from "./ui/field";
import { Select } from "./ui/select";
import { notify } from "./ui/toaster";
import { useHydrated } from "./use-hydrated";

export interface ChatroomPermissions {
  reassign: boolean;
  deactivate: boolean;
  activate: boolean;
  /** Support agents may activate only with force. */
  activateForceOnly: boolean;
  noteRequired: boolean;
}

/** Field errors of a refusal onto the form, in words; focus goes to the first of them. Returns how many. */
export function showFieldErrors<T extends FieldValues>(error: ActionError, setError: UseFormSetError<T>, directory: Directory): number {
  const errors = {
    ...error.fieldErrors,
    ...fieldErrorsOfSubject(error, { user: (id) => userName(directory, id), group: (id) => groupName(directory, id) }),
  };
  Object.entries(errors).forEach(([field, message], index) => setError(field as Path<T>, { message }, { shouldFocus: index === 0 }));
  return Object.keys(errors).length;
}

function useAfterChange(orgId: string) {
  const queryClient = useQueryClient();
  const router = useRouter();
  return async (success: string) => {
    notify.success(success);
    await queryClient.invalidateQueries({ queryKey: queryKeys.org(orgId) });
    router.refresh();
  };
}

function NoteField({ id, error, required, ...props }: { id: string; error?: string; required: boolean } & React.ComponentProps<"textarea">) {
  return (
    <Field
      id={id}
      label={`Note for the audit ${required ? "(required)" : "(optional)"}`}
      hint={required ? "Support agents say why with every change; the note is kept with it." : "Kept with the change, for whoever reads the timeline."}
      error={error}
    >
      <Textarea rows={2} {...fieldIds(id, { hint: true, error })} {...props} />
    </Field>
  );
}

/** Reassign, deactivate and activate one chatroom, each in a dialog that gives focus back when it closes. */
export function ChatroomActions({
  orgId,
  room,
  directory,
  permissions,
  now,
}: {
  orgId: string;
  room: ChatroomDetail;
  directory: Directory;
  permissions: ChatroomPermissions;
  now: string;
}) {
  const hydrated = useHydrated();
  const active = room.status === "active";
  const show = {
    reassign: permissions.reassign && active,
    deactivate: permissions.deactivate && active,
    activate: permissions.activate && room.status === "deactivated",
  };
  if (!show.reassign && !show.deactivate && !show.activate) return null;
  return (
    <div role="group" aria-label="Actions" className="flex flex-wrap gap-2" data-hydrated={hydrated ? "true" : undefined}>
      {show.reassign ? <ReassignDialog orgId={orgId} room={room} directory={directory} permissions={permissions} disabled={!hydrated} /> : null}
      {show.deactivate ? <DeactivateDialog orgId={orgId} room={room} permissions={permissions} disabled={!hydrated} /> : null}
      {show.activate ? <ActivateDialog orgId={orgId} room={room} directory={directory} permissions={permissions} now={now} disabled={!hydrated} /> : null}
    </div>
  );
}

function ReassignDialog({ orgId, room, directory, permissions, disabled }: { orgId: string; room: ChatroomDetail; directory: Directory; permissions: ChatroomPermissions; disabled: boolean }) {
  const [open, setOpen] = useState(false);
  const after = useAfterChange(orgId);
  const form = useForm<ReassignForm>({
    resolver: zodResolver(reassignFormSchema),
    defaultValues: { assign_mode: "USER", user_id: "", group_id: "", assign_on_handover: false, note: "" },
  });
  const { register, handleSubmit, setError, formState, control } = form;
  const current = room.members.map((member) => userName(directory, member.user_id));
  async function submit(values: ReassignForm) {
    if (permissions.noteRequired && !values.note) return setError("note", { message: "Write a note: support agents give one with every change." }, { shouldFocus: true });
    await runAction(() => reassignChatroomAction(orgId, room.chatroom_id, { body: reassignBodyOf(values), note: values.note || undefined }), {
      ok: async () => {
        setOpen(false);
        await after("Chatroom reassigned.");
      },
      failed: (error) => showFieldErrors(error, setError, directory),
    });
  }
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="secondary" disabled={disabled}>
          <UserRoundCog aria-hidden="true" /> Reassign
        </Button>
      </DialogTrigger>
      <DialogContent title="Reassign this chatroom" description={`${roomContactName(room)} · ${assigneeLabel(directory, room)} now`}>
        <form onSubmit={handleSubmit(submit)} noValidate className="space-y-4" data-hydrated="true">
          <p className="text-sm" data-testid="revoked-access">
            {current.length > 0 ? `Access will be revoked from: ${current.join(", ")}.` : "Nobody has access now, so nobody loses it."}
            {room.pending_assignment ? " The pending handover assignment is replaced." : ""}
          </p>
          <AssignmentFields control={control} errors={formState.errors} users={directory.users} groups={directory.groups} allowNone={false} idPrefix="reassign" />
          <NoteField id="reassign-note" {...register("note")} error={formState.errors.note?.message} required={permissions.noteRequired} />
          <DialogFooter>
            <Button type="submit" disabled={formState.isSubmitting}>
              {formState.isSubmitting ? "Reassigning…" : "Reassign"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function DeactivateDialog({ orgId, room, permissions, disabled }: { orgId: string; room: ChatroomDetail; permissions: ChatroomPermissions; disabled: boolean }) {
  const [open, setOpen] = useState(false);
  const after = useAfterChange(orgId);
  const form = useForm<DeactivateForm>({
    resolver: zodResolver(deactivateFormSchema),
    defaultValues: { deactivation_reason: "AGENT_REQUEST", note: "" } as Partial<DeactivateForm>,
  });
  const { register, handleSubmit, setError, formState, control, setValue } = form;
  const reason = useWatch({ control, name: "deactivation_reason" });
  async function submit(values: DeactivateForm) {
    if (permissions.noteRequired && !values.note) return setError("note", { message: "Write a note: support agents give one with every change." }, { shouldFocus: true });
    await runAction(
      () => deactivateChatroomAction(orgId, room.chatroom_id, { body: { deactivation_reason: values.deactivation_reason }, note: values.note || undefined }),
      {
        ok: async () => {
          setOpen(false);
          await after("Chatroom deactivated.");
        },
        failed: (error) => Object.entries(error.fieldErrors).forEach(([field, message]) => setError(field as keyof DeactivateForm, { message })),
      },
    );
  }
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="secondary" disabled={disabled}>
          <PowerOff aria-hidden="true" /> Deactivate
        </Button>
      </DialogTrigger>
      <DialogContent title="Deactivate this chatroom" description="The lead's messages stop reaching it. Members keep read access to its history; it can be activated again until it expires.">
        <form onSubmit={handleSubmit(submit)} noValidate className="space-y-4" data-hydrated="true">
          <Field id="deactivate-reason" label="Reason" error={formState.errors.deactivation_reason?.message}>
            <Select
              id="deactivate-reason"
              value={reason}
              onValueChange={(value) => setValue("deactivation_reason", value as DeactivateForm["deactivation_reason"])}
              options={deactivationReasons.map((reason) => ({ value: reason, label: reasonLabel[reason] ?? reason }))}
            />
          </Field>
          <NoteField id="deactivate-note" {...register("note")} error={formState.errors.note?.message} required={permissions.noteRequired} />
          <div>
            <CheckboxField
              id="deactivate-confirm"
              label="I understand: the lead's messages stop reaching this chatroom."
              aria-invalid={formState.errors.confirm ? true : undefined}
              {...register("confirm")}
            />
            {formState.errors.confirm ? <p className="mt-1 text-xs font-medium text-danger">{formState.errors.confirm.message}</p> : null}
          </div>
          <DialogFooter>
            <Button type="submit" variant="danger" disabled={formState.isSubmitting}>
              {formState.isSubmitting ? "Deactivating…" : "Deactivate"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function ActivateDialog({
  orgId,
  room,
  directory,
  permissions,
  now,
  disabled,
}: {
  orgId: string;
  room: ChatroomDetail;
  directory: Directory;
  permissions: ChatroomPermissions;
  now: string;
  disabled: boolean;
}) {
  const [open, setOpen] = useState(false);
  const after = useAfterChange(orgId);
  const router = useRouter();
  const [note, setNote] = useState("");
  const [noteError, setNoteError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<ActionError | null>(null);
  const [showPreview, setShowPreview] = useState(permissions.activateForceOnly);
  const preview = useQuery({
    queryKey: queryKeys.activationPreview(orgId, room.chatroom_id),
    queryFn: () => fetchData<Section<ChatroomDetail[]>>(dataPaths.activationPreview(orgId, room.chatroom_id)),
    enabled: open && showPreview,
  });
  async function activate(force: boolean) {
    if (permissions.noteRequired && !note.trim()) {
      setNoteError("Write a note: support agents give one with every change.");
      document.getElementById("activate-note")?.focus();
      return;
    }
    setPending(true);
    setFailure(null);
    await runAction(() => activateChatroomAction(orgId, room.chatroom_id, { force, note: note.trim() || undefined }), {
      ok: async () => {
        setOpen(false);
        await after(force ? "Chatroom activated; the chatrooms in the way were deactivated." : "Chatroom activated.");
      },
      failed: (error) => {
        if (error.conflicts.length > 0) setFailure(error);
      },
    });
    setPending(false);
  }
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="secondary" disabled={disabled}>
          <Power aria-hidden="true" /> Activate
        </Button>
      </DialogTrigger>
      <DialogContent title="Activate this chatroom" description="The lead's messages reach it again, and its inactivity deadline starts over." className="sm:w-[min(40rem,calc(100vw-2rem))]">
        <div className="space-y-4" id="panel-activate">
          <Field id="activate-note" label={`Note for the audit ${permissions.noteRequired ? "(required)" : "(optional)"}`} error={noteError}>
            <Textarea rows={2} value={note} onChange={(event) => setNote(event.target.value)} {...fieldIds("activate-note", { error: noteError })} />
          </Field>
          {showPreview ? (
            <Callout tone="warning" title="Activating with force will deactivate:" data-testid="force-preview">
              {preview.isLoading ? (
                <p>Checking…</p>
              ) : preview.data?.state === "missing" ? (
                <p>This server does not provide the chatroom list, so the chatrooms it would deactivate cannot be shown.</p>
              ) : preview.data?.state === "ok" && preview.data.data.length > 0 ? (
                <ul className="mt-1 list-disc space-y-0.5 pl-5">
                  {preview.data.data.map((other) => (
                    <li key={other.chatroom_id} data-chatroom-id={other.chatroom_id}>
                      {roomContactName(other)} ({other.crm_id}) · {formatPhoneNumber(other.phone_number)} on {phoneLabel(directory, other.remote_phone_id)} · {assigneeLabel(directory, other)}
                    </li>
                  ))}
                </ul>
              ) : (
                <p>No other chatroom: nothing else changes.</p>
              )}
            </Callout>
          ) : null}
          {failure ? (
            <ConflictPanel
              orgId={orgId}
              name={failure.name}
              conflicts={failure.conflicts}
              directory={directory}
              now={now}
              pending={pending}
              ways={[
                {
                  label: "Open the existing chatroom",
                  explanation: "Work in the chatroom that is already active; nothing changes.",
                  run: () => router.push(chatroomPath(orgId, failure.conflicts[0]!.chatroom_id)),
                },
                {
                  label: "Activate with force",
                  explanation: "Deactivate the active chatrooms of this number on this WABA phone and the contact's own, then activate this one.",
                  run: () => void activate(true),
                },
              ]}
            />
          ) : null}
          <DialogFooter>
            {!permissions.activateForceOnly && !showPreview ? (
              <Button variant="secondary" disabled={pending} onClick={() => setShowPreview(true)}>
                Activate with force…
              </Button>
            ) : null}
            {showPreview ? (
              <Button variant="danger" disabled={pending || preview.isLoading} onClick={() => void activate(true)}>
                Activate with force
              </Button>
            ) : null}
            {!permissions.activateForceOnly ? (
              <Button disabled={pending} onClick={() => void activate(false)}>
                Activate
              </Button>
            ) : null}
          </DialogFooter>
        </div>
      </DialogContent>
    </Dialog>
  );
}

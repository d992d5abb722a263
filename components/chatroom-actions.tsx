"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { activateChatroomAction, deactivateChatroomAction, reassignChatroomAction } from "@/app/(dashboard)/actions";
import type { ActionError, ActionResult } from "@/lib/dashboard/ui/action-result";
import type { ChatroomDetail, Group, OrgUser } from "@/lib/dashboard/api/schemas";
import { deactivateFormSchema, deactivationReasons, reassignBodyOf, reassignFormSchema, type DeactivateForm, type ReassignForm } from "@/lib/dashboard/ui/forms";
import { reasonLabel } from "@/lib/dashboard/ui/format";
import { chatroomPath } from "@/lib/dashboard/ui/paths";
import { dataPaths, fetchData, queryKeys } from "@/lib/dashboard/ui/query-keys";
import { AssignmentFields, FieldError } from "./assignment-fields";
import { ConflictPanel } from "./conflict-panel";
import { useToast } from "./toast";
import { buttonClass, dangerButtonClass, inputClass, secondaryButtonClass } from "./ui";
import { useHydrated } from "./use-hydrated";

export interface ChatroomPermissions {
  reassign: boolean;
  deactivate: boolean;
  activate: boolean;
  /** Support agents may activate only with force. */
  activateForceOnly: boolean;
  noteRequired: boolean;
}

type Panel = "reassign" | "deactivate" | "activate" | null;

/** Reassign, deactivate and activate one chatroom; each opens an inline panel that returns focus when closed. */
export function ChatroomActions({
  orgId,
  room,
  users,
  groups,
  permissions,
}: {
  orgId: string;
  room: ChatroomDetail;
  users: OrgUser[];
  groups: Group[];
  permissions: ChatroomPermissions;
}) {
  const [open, setOpen] = useState<Panel>(null);
  const openers = { reassign: useRef<HTMLButtonElement>(null), deactivate: useRef<HTMLButtonElement>(null), activate: useRef<HTMLButtonElement>(null) };
  const hydrated = useHydrated();
  const toggle = (panel: Exclude<Panel, null>) => setOpen((current) => (current === panel ? null : panel));
  // Closes the given panel only if it is still the open one (a late answer must not close another panel).
  const close = (panel: Exclude<Panel, null>) => {
    setOpen((current) => (current === panel ? null : current));
    openers[panel].current?.focus();
  };
  const active = room.status === "active";
  const buttons: { panel: Exclude<Panel, null>; label: string; show: boolean }[] = [
    { panel: "reassign", label: "Reassign", show: permissions.reassign && active },
    { panel: "deactivate", label: "Deactivate", show: permissions.deactivate && active },
    { panel: "activate", label: "Activate", show: permissions.activate && room.status === "deactivated" },
  ];
  if (!buttons.some((button) => button.show)) return null;
  return (
    <section aria-label="Actions" className="space-y-3" data-hydrated={hydrated ? "true" : undefined}>
      <div className="flex flex-wrap gap-2">
        {buttons
          .filter((button) => button.show)
          .map((button) => (
            <button
              key={button.panel}
              ref={openers[button.panel]}
              type="button"
              className={secondaryButtonClass}
              aria-expanded={open === button.panel}
              aria-controls={`panel-${button.panel}`}
              disabled={!hydrated}
              onClick={() => toggle(button.panel)}
            >
              {button.label}
            </button>
          ))}
      </div>
      {open === "reassign" ? <ReassignPanel orgId={orgId} room={room} users={users} groups={groups} permissions={permissions} onDone={() => close("reassign")} /> : null}
      {open === "deactivate" ? <DeactivatePanel orgId={orgId} room={room} permissions={permissions} onDone={() => close("deactivate")} /> : null}
      {open === "activate" ? <ActivatePanel orgId={orgId} room={room} users={users} permissions={permissions} onDone={() => close("activate")} /> : null}
    </section>
  );
}

function useAfterChange(orgId: string) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  return async (result: ActionResult, success: string) => {
    if (result.ok) {
      toast(success);
      await queryClient.invalidateQueries({ queryKey: queryKeys.org(orgId) });
      router.refresh();
    } else {
      toast(result.error.description, "error");
    }
  };
}

function PanelFrame({ id, title, children, onClose }: { id: string; title: string; children: React.ReactNode; onClose: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div
      id={`panel-${id}`}
      role="region"
      aria-labelledby={`panel-${id}-title`}
      className="rounded-md border border-slate-300 bg-white p-4"
      onKeyDown={(event) => {
        if (event.key === "Escape") onClose();
      }}
    >
      <div className="flex items-start justify-between gap-2">
        <h2 id={`panel-${id}-title`} ref={heading} tabIndex={-1} className="font-semibold outline-none">
          {title}
        </h2>
        <button type="button" onClick={onClose} className="text-sm text-blue-800 underline">
          Cancel
        </button>
      </div>
      <div className="mt-3">{children}</div>
    </div>
  );
}

function NoteField({ id, register, error, required }: { id: string; register: object; error?: string; required: boolean }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        Note for the audit {required ? "(required)" : "(optional)"}
      </label>
      <textarea id={id} rows={2} {...register} className={inputClass} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

function ReassignPanel({ orgId, room, users, groups, permissions, onDone }: { orgId: string; room: ChatroomDetail; users: OrgUser[]; groups: Group[]; permissions: ChatroomPermissions; onDone: () => void }) {
  const after = useAfterChange(orgId);
  const [failure, setFailure] = useState<ActionError | null>(null);
  const form = useForm<ReassignForm>({
    resolver: zodResolver(reassignFormSchema),
    defaultValues: { assign_mode: "USER", user_id: "", group_id: "", assign_on_handover: false, note: "" },
  });
  const { register, handleSubmit, watch, setError, formState } = form;
  const current = room.members.map((member) => users.find((user) => user.id === member.user_id)?.name ?? member.user_id);
  async function submit(values: ReassignForm) {
    if (permissions.noteRequired && !values.note) return setError("note", { message: "A note is required for support agents" });
    const result = await reassignChatroomAction(orgId, room.chatroom_id, { body: reassignBodyOf(values), note: values.note || undefined });
    if (!result.ok) {
      for (const [field, message] of Object.entries(result.error.fieldErrors)) setError(field as keyof ReassignForm, { message });
      setFailure(result.error);
    }
    if (result.ok) onDone();
    await after(result, "Chatroom reassigned.");
  }
  return (
    <PanelFrame id="reassign" title="Reassign this chatroom" onClose={onDone}>
      <form onSubmit={handleSubmit(submit)} noValidate className="space-y-4" data-hydrated="true">
        <p className="text-sm text-slate-800" data-testid="revoked-access">
          {current.length > 0 ? `Access will be revoked from: ${current.join(", ")}.` : "Nobody has access now, so nobody loses it."}
          {room.pending_assignment ? " The pending handover assignment is replaced." : ""}
        </p>
        <AssignmentFields register={register} watch={watch} errors={formState.errors} users={users} groups={groups} allowNone={false} idPrefix="reassign" />
        <NoteField id="reassign-note" register={register("note")} error={formState.errors.note?.message} required={permissions.noteRequired} />
        {failure ? <p role="alert" className="text-sm text-red-800">{failure.name}: {failure.description}</p> : null}
        <button type="submit" className={buttonClass} disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "Reassigning…" : "Reassign"}
        </button>
      </form>
    </PanelFrame>
  );
}

function DeactivatePanel({ orgId, room, permissions, onDone }: { orgId: string; room: ChatroomDetail; permissions: ChatroomPermissions; onDone: () => void }) {
  const after = useAfterChange(orgId);
  const form = useForm<DeactivateForm>({
    resolver: zodResolver(deactivateFormSchema),
    defaultValues: { deactivation_reason: "AGENT_REQUEST", note: "" } as Partial<DeactivateForm>,
  });
  const { register, handleSubmit, setError, formState } = form;
  async function submit(values: DeactivateForm) {
    if (permissions.noteRequired && !values.note) return setError("note", { message: "A note is required for support agents" });
    const result = await deactivateChatroomAction(orgId, room.chatroom_id, {
      body: { deactivation_reason: values.deactivation_reason },
      note: values.note || undefined,
    });
    if (!result.ok) for (const [field, message] of Object.entries(result.error.fieldErrors)) setError(field as keyof DeactivateForm, { message });
    if (result.ok) onDone();
    await after(result, "Chatroom deactivated.");
  }
  return (
    <PanelFrame id="deactivate" title="Deactivate this chatroom" onClose={onDone}>
      <form onSubmit={handleSubmit(submit)} noValidate className="space-y-4" data-hydrated="true">
        <div>
          <label htmlFor="deactivate-reason" className="block text-sm font-medium">
            Reason
          </label>
          <select id="deactivate-reason" {...register("deactivation_reason")} className={inputClass}>
            {deactivationReasons.map((reason) => (
              <option key={reason} value={reason}>
                {reasonLabel[reason]}
              </option>
            ))}
          </select>
          <FieldError id="deactivate-reason-error" message={formState.errors.deactivation_reason?.message} />
        </div>
        <NoteField id="deactivate-note" register={register("note")} error={formState.errors.note?.message} required={permissions.noteRequired} />
        <div className="flex items-start gap-2 text-sm">
          <input id="deactivate-confirm" type="checkbox" className="mt-1" {...register("confirm")} aria-describedby={formState.errors.confirm ? "deactivate-confirm-error" : undefined} />
          <label htmlFor="deactivate-confirm">
            I understand: the lead&apos;s messages stop reaching this chatroom. Members keep read access to its history; it can be activated again
            until it expires.
          </label>
        </div>
        <FieldError id="deactivate-confirm-error" message={formState.errors.confirm?.message} />
        <button type="submit" className={dangerButtonClass} disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "Deactivating…" : "Deactivate"}
        </button>
      </form>
    </PanelFrame>
  );
}

function ActivatePanel({ orgId, room, users, permissions, onDone }: { orgId: string; room: ChatroomDetail; users: OrgUser[]; permissions: ChatroomPermissions; onDone: () => void }) {
  const after = useAfterChange(orgId);
  const router = useRouter();
  const [note, setNote] = useState("");
  const [noteError, setNoteError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<ActionError | null>(null);
  const [showPreview, setShowPreview] = useState(permissions.activateForceOnly);
  const preview = useQuery({
    queryKey: queryKeys.activationPreview(orgId, room.chatroom_id),
    queryFn: () => fetchData<{ state: string; data?: ChatroomDetail[]; description?: string }>(dataPaths.activationPreview(orgId, room.chatroom_id)),
    enabled: showPreview,
  });
  async function activate(force: boolean) {
    if (permissions.noteRequired && !note.trim()) {
      setNoteError("A note is required for support agents");
      return;
    }
    setPending(true);
    setFailure(null);
    const result = await activateChatroomAction(orgId, room.chatroom_id, { force, note: note.trim() || undefined });
    setPending(false);
    if (!result.ok && result.error.conflicts.length > 0) setFailure(result.error);
    if (result.ok) onDone();
    await after(result, force ? "Chatroom activated; the conflicting chatrooms were deactivated." : "Chatroom activated.");
  }
  const userName = (id: string | null) => users.find((user) => user.id === id)?.name ?? id ?? "—";
  return (
    <PanelFrame id="activate" title="Activate this chatroom" onClose={onDone}>
      <div className="space-y-4">
        <div>
          <label htmlFor="activate-note" className="block text-sm font-medium">
            Note for the audit {permissions.noteRequired ? "(required)" : "(optional)"}
          </label>
          <textarea id="activate-note" rows={2} value={note} onChange={(event) => setNote(event.target.value)} className={inputClass} aria-invalid={noteError ? true : undefined} aria-describedby={noteError ? "activate-note-error" : undefined} />
          <FieldError id="activate-note-error" message={noteError} />
        </div>
        <div className="flex flex-wrap gap-2">
          {!permissions.activateForceOnly ? (
            <button type="button" className={buttonClass} disabled={pending} onClick={() => activate(false)}>
              Activate
            </button>
          ) : null}
          {!showPreview ? (
            <button type="button" className={secondaryButtonClass} disabled={pending} onClick={() => setShowPreview(true)}>
              Activate with force…
            </button>
          ) : null}
        </div>
        {showPreview ? (
          <div className="rounded border border-amber-400 bg-amber-50 p-3 text-sm" data-testid="force-preview">
            <p className="font-medium">Activating with force will deactivate:</p>
            {preview.isLoading ? (
              <p>Checking…</p>
            ) : preview.data?.state === "missing" ? (
              <p>This server does not provide the chatroom list, so the rooms it would deactivate cannot be shown.</p>
            ) : preview.data?.data && preview.data.data.length > 0 ? (
              <ul className="mt-1 list-disc pl-5">
                {preview.data.data.map((other) => (
                  <li key={other.chatroom_id}>
                    {other.display_name} ({other.chatroom_id}) · {other.phone_number} on {other.remote_phone_id} · {other.members.map((m) => userName(m.user_id)).join(", ") || "nobody"}
                  </li>
                ))}
              </ul>
            ) : (
              <p>No other chatroom: nothing else changes.</p>
            )}
            <button type="button" className={`${dangerButtonClass} mt-3`} disabled={pending || preview.isLoading} onClick={() => activate(true)}>
              Activate with force
            </button>
          </div>
        ) : null}
        {failure ? (
          <ConflictPanel
            orgId={orgId}
            name={failure.name}
            description={failure.description}
            conflicts={failure.conflicts}
            userName={userName}
            pending={pending}
            ways={[
              { label: "Open the existing chatroom", explanation: "Work in the chatroom that is already active; nothing changes.", run: () => router.push(chatroomPath(orgId, failure.conflicts[0]!.chatroom_id)) },
              { label: "Activate with force", explanation: "Deactivate the active chatrooms of this number on this WABA phone and the contact's own, then activate this one.", run: () => void activate(true) },
            ]}
          />
        ) : null}
      </div>
    </PanelFrame>
  );
}

"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Command } from "cmdk";
import { Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { createChatroomAction } from "@/app/(dashboard)/actions";
import type { ActionError } from "@/lib/dashboard/ui/action-result";
import type { ChatroomDetail, Contact } from "@/lib/dashboard/api/schemas";
import { createWarning } from "@/lib/dashboard/ui/create-warning";
import { formatPhoneNumber } from "@/lib/dashboard/ui/format";
import { createBodyOf, createChatroomFormSchema, type CreateChatroomForm } from "@/lib/dashboard/ui/forms";
import { contactName, phoneLabel, type Directory } from "@/lib/dashboard/ui/names";
import { chatroomPath } from "@/lib/dashboard/ui/paths";
import { dataPaths, fetchData, queryKeys } from "@/lib/dashboard/ui/query-keys";
import { AssignmentFields } from "./assignment-fields";
import { showFieldErrors } from "./chatroom-actions";
import { ConflictPanel, type WayOut } from "./conflict-panel";
import { runAction } from "./run-action";
import { Button } from "./ui/button";
import { Callout } from "./ui/callout";
import { Card, CardContent } from "./ui/card";
import { CheckboxField, Field, FieldError, NativeSelect, Textarea, controlClass, fieldIds } from "./ui/field";
import { cn } from "./ui/cn";
import { notify } from "./ui/toaster";
import { useHydrated } from "./use-hydrated";

interface Props {
  orgId: string;
  directory: Directory;
  now: string;
  initialContact: Contact | null;
  /** Support agents may create only with force_deactivate. */
  forceOnly: boolean;
  noteRequired: boolean;
}

/**
 * Contact search as a combobox (cmdk): arrow keys move through the results, Enter chooses one, and focus
 * moves on to the next field.
 */
function ContactSearch({ orgId, onChoose, invalid }: { orgId: string; onChoose: (contact: Contact) => void; invalid: boolean }) {
  const [search, setSearch] = useState("");
  const [debounced, setDebounced] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(search.trim()), 250);
    return () => clearTimeout(timer);
  }, [search]);
  const contacts = useQuery({
    queryKey: queryKeys.contacts(orgId, debounced),
    queryFn: () => fetchData<{ state: string; items: Contact[] }>(dataPaths.contacts(orgId, debounced)),
    enabled: debounced.length > 0,
  });
  return (
    // cmdk names its input with its own label (from `label`); the visible line says the same.
    <Command shouldFilter={false} label="Search by name, CRM id or phone" className="space-y-1.5">
      <p aria-hidden="true" className="text-sm">
        Search by name, CRM id or phone
      </p>
      <div className="relative">
        <Search aria-hidden="true" className="pointer-events-none absolute top-2 left-2.5 size-4 text-muted-foreground" />
        <Command.Input
          value={search}
          onValueChange={setSearch}
          className={cn(controlClass, "h-8 pl-8")}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={invalid ? "lead-error" : undefined}
          autoComplete="off"
        />
      </div>
      {/* Always there: the input's aria-controls names it, results or not. */}
      <Command.List className={cn("max-h-64 overflow-y-auto rounded-md", debounced.length > 0 && "border border-border bg-surface p-1")}>
          {debounced.length > 0 && contacts.isFetching ? <Command.Loading className="px-2 py-1.5 text-sm text-muted-foreground">Searching…</Command.Loading> : null}
          {debounced.length > 0 && contacts.data && contacts.data.items.length === 0 ? (
            <p className="px-2 py-1.5 text-sm text-muted-foreground">No contact matches. Try part of a name, a CRM id or the number.</p>
          ) : null}
          {(debounced.length > 0 ? (contacts.data?.items ?? []) : []).map((item) => (
            <Command.Item
              key={item.id}
              value={item.id}
              onSelect={() => onChoose(item)}
              className="flex cursor-default items-center justify-between gap-3 rounded px-2 py-1.5 text-sm data-[selected=true]:bg-surface-hover"
            >
              <span className="font-medium">{contactName(item)}</span>
              <span className="text-xs text-muted-foreground">
                {item.crm_id} · {formatPhoneNumber(item.phone_number)}
              </span>
            </Command.Item>
          ))}
      </Command.List>
    </Command>
  );
}

export function CreateChatroomForm({ orgId, directory, now, initialContact, forceOnly, noteRequired }: Props) {
  const hydrated = useHydrated();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [contact, setContact] = useState<Contact | null>(initialContact);
  const [failure, setFailure] = useState<ActionError | null>(null);
  const failureRef = useRef<HTMLDivElement>(null);
  const wabaRef = useRef<HTMLSelectElement | null>(null);
  const changeRef = useRef<HTMLButtonElement>(null);
  const form = useForm<CreateChatroomForm>({
    resolver: zodResolver(createChatroomFormSchema),
    defaultValues: {
      lead_id: initialContact?.id ?? "",
      remote_waba_id: "",
      remote_phone_id: "",
      force_deactivate: forceOnly,
      fail_if_chatroom_exists_on_other_waba_phone: true,
      assign_mode: "NONE",
      user_id: "",
      group_id: "",
      assign_on_handover: false,
      note: "",
    },
  });
  const { register, handleSubmit, setValue, setError, formState, control, getValues } = form;
  const [wabaId, phoneId, force] = useWatch({ control, name: ["remote_waba_id", "remote_phone_id", "force_deactivate"] });
  const phonesOfWaba = directory.wabas.filter((waba) => wabaId === "" || waba.remote_waba_id === wabaId).flatMap((waba) => waba.phones);
  const defaultPhone = [...phonesOfWaba].sort((a, b) => a.position - b.position)[0];

  const active = useQuery({
    queryKey: queryKeys.activeChatroomOf(orgId, contact?.id ?? ""),
    queryFn: () => fetchData<{ active: ChatroomDetail | null }>(dataPaths.activeChatroomOf(orgId, contact!.id)),
    enabled: contact !== null,
  });
  const warning = active.data?.active ? createWarning(active.data.active, { remoteWabaId: wabaId, remotePhoneId: phoneId, force }, directory) : null;

  useEffect(() => {
    if (failure) failureRef.current?.focus();
  }, [failure]);

  const wabaField = register("remote_waba_id", {
    // The phone depends on the WABA: a phone of another WABA is reset to the default, never sent stale.
    onChange: (event: React.ChangeEvent<HTMLSelectElement>) => {
      const waba = directory.wabas.find((candidate) => candidate.remote_waba_id === event.target.value);
      const phone = getValues("remote_phone_id");
      if (waba && phone !== "" && !waba.phones.some((candidate) => candidate.remote_phone_id === phone)) setValue("remote_phone_id", "");
    },
  });

  async function submit(values: CreateChatroomForm) {
    if (noteRequired && values.note.trim() === "") {
      setError("note", { message: "Write a note: support agents give one with every change." }, { shouldFocus: true });
      return;
    }
    setFailure(null);
    await runAction(() => createChatroomAction(orgId, { body: createBodyOf(values), note: values.note || undefined }), {
      ok: async (room) => {
        notify.success(room.is_existing ? "The contact already had this active chatroom; opened it." : "Chatroom created.");
        await queryClient.invalidateQueries({ queryKey: queryKeys.org(orgId) });
        router.push(chatroomPath(orgId, room.chatroom_id));
        router.refresh();
      },
      failed: (error) => {
        const onFields = showFieldErrors(error, setError, directory);
        if (error.conflicts.length > 0 || onFields === 0) setFailure(error);
      },
    });
  }

  const retry = (changes: Partial<CreateChatroomForm>) => () => {
    for (const [key, value] of Object.entries(changes)) setValue(key as keyof CreateChatroomForm, value as never);
    void handleSubmit(submit)();
  };

  const ways: WayOut[] = [];
  if (failure && failure.conflicts.length > 0) {
    const first = failure.conflicts[0]!;
    ways.push({
      label: "Open the existing chatroom",
      explanation: "Work in the chatroom that is already active; nothing changes.",
      run: () => router.push(chatroomPath(orgId, first.chatroom_id)),
    });
    if (failure.name === "CHATROOM_EXISTS_FOR_PHONE" && !forceOnly) {
      ways.push({
        label: "Retry on the next free WABA phone",
        explanation: "Create it on another of the org's WABA phones where this number has no active chatroom.",
        run: retry({ fail_if_chatroom_exists_on_other_waba_phone: false, remote_phone_id: "" }),
      });
    }
    if (["LEAD_HAS_ACTIVE_CHATROOM", "CHATROOM_EXISTS_FOR_PHONE", "NO_WABA_PHONE_AVAILABLE"].includes(failure.name)) {
      ways.push({
        label: "Force-deactivate and create",
        explanation:
          failure.name === "LEAD_HAS_ACTIVE_CHATROOM"
            ? "Deactivate this contact's active chatroom, then create the new one."
            : "Deactivate this contact's own active chatroom if any, then create; other contacts' chatrooms need deactivating from their page.",
        run: retry({ force_deactivate: true }),
      });
    }
  }

  const errors = formState.errors;
  return (
    <div className="space-y-4">
      <Card>
        <CardContent className="py-4">
          <form
            onSubmit={handleSubmit(submit, (invalid) => {
              // The contact's field is hidden: focus goes to its search instead of staying on the button.
              if (invalid.lead_id) document.querySelector<HTMLInputElement>("[cmdk-input]")?.focus();
            })}
            data-hydrated={hydrated ? "true" : undefined} noValidate className="space-y-6" aria-label="Create a chatroom">
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium">Contact</legend>
              <input type="hidden" {...register("lead_id")} />
              {contact ? (
                <div className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-border bg-surface-muted px-3 py-2" data-testid="chosen-contact">
                  <p className="text-sm">
                    <span className="font-medium">{contactName(contact)}</span>{" "}
                    <span className="text-muted-foreground">
                      · {contact.crm_id} · {formatPhoneNumber(contact.phone_number)}
                    </span>
                  </p>
                  <Button
                    ref={changeRef}
                    variant="ghost"
                    size="sm"
                    onClick={() => {
                      setContact(null);
                      setValue("lead_id", "");
                      setFailure(null);
                    }}
                  >
                    Change contact
                  </Button>
                </div>
              ) : (
                <ContactSearch
                  orgId={orgId}
                  invalid={Boolean(errors.lead_id)}
                  onChoose={(chosen) => {
                    setContact(chosen);
                    setValue("lead_id", chosen.id, { shouldValidate: true });
                    // The search goes away with the choice: focus moves on to the next field, not the page.
                    requestAnimationFrame(() => wabaRef.current?.focus());
                  }}
                />
              )}
              <FieldError id="lead-error" message={errors.lead_id ? "Choose a contact: search for them above." : undefined} />
              {warning ? (
                <Callout tone={warning.outcome === "refused" ? "danger" : "warning"} title={warning.title} data-testid="active-chatroom-warning">
                  {warning.text}
                </Callout>
              ) : null}
            </fieldset>

            <div className="grid gap-4 sm:grid-cols-2">
              <Field id="create-waba" label="WABA (optional)" error={errors.remote_waba_id?.message}>
                <NativeSelect
                  {...wabaField}
                  ref={(element) => {
                    wabaField.ref(element);
                    wabaRef.current = element;
                  }}
                  {...fieldIds("create-waba", { hint: false, error: errors.remote_waba_id?.message })}
                  aria-describedby="create-waba-help"
                >
                  <option value="">Default</option>
                  {directory.wabas.map((waba) => (
                    <option key={waba.remote_waba_id} value={waba.remote_waba_id}>
                      {waba.name}
                    </option>
                  ))}
                </NativeSelect>
              </Field>
              <Field id="create-phone" label="WABA phone (optional)" error={errors.remote_phone_id?.message}>
                <NativeSelect {...register("remote_phone_id")} {...fieldIds("create-phone", { error: errors.remote_phone_id?.message })} aria-describedby="create-waba-help">
                  <option value="">Default</option>
                  {phonesOfWaba.map((phone) => (
                    <option key={phone.remote_phone_id} value={phone.remote_phone_id}>
                      {phoneLabel(directory, phone.remote_phone_id)}
                    </option>
                  ))}
                </NativeSelect>
              </Field>
              <p id="create-waba-help" className="text-xs text-muted-foreground sm:col-span-2" data-testid="phone-default-hint">
                {phoneId !== ""
                  ? `On ${phoneLabel(directory, phoneId)}.`
                  : `Default: the phone that already serves this contact, else ${wabaId === "" ? "the org's" : "this WABA's"} first phone${
                      defaultPhone ? ` (${phoneLabel(directory, defaultPhone.remote_phone_id)})` : ""
                    }.`}
              </p>
            </div>

            <AssignmentFields control={control} errors={errors} users={directory.users} groups={directory.groups} allowNone idPrefix="create" />

            <div className="space-y-3">
              {forceOnly ? (
                <Callout title="Support agents create with force.">
                  The contact&apos;s active chatroom, if any, is deactivated (reason: replaced by a new chatroom).
                </Callout>
              ) : (
                <CheckboxField
                  id="create-force"
                  label="Force-deactivate the contact's active chatroom"
                  hint="If this contact already has an active chatroom, it is deactivated (reason: replaced by a new chatroom) and a new one is created."
                  {...register("force_deactivate")}
                />
              )}
              <CheckboxField
                id="create-fail"
                label="Fail if another contact has an active chatroom for this number"
                hint="On: refuse when someone else sharing this phone number is already being served on any WABA phone. Off: put the chatroom on the next WABA phone that is free for this number."
                {...register("fail_if_chatroom_exists_on_other_waba_phone")}
              />
            </div>

            <Field id="create-note" label={`Note for the audit ${noteRequired ? "(required)" : "(optional)"}`} error={errors.note?.message}>
              <Textarea rows={2} {...register("note")} {...fieldIds("create-note", { error: errors.note?.message })} />
            </Field>

            <Button type="submit" disabled={!hydrated || formState.isSubmitting}>
              {formState.isSubmitting ? "Creating…" : "Create chatroom"}
            </Button>
          </form>
        </CardContent>
      </Card>
      <div ref={failureRef} tabIndex={-1} className="outline-none">
        {failure && failure.conflicts.length > 0 ? (
          <ConflictPanel orgId={orgId} name={failure.name} conflicts={failure.conflicts} ways={ways} directory={directory} now={now} pending={formState.isSubmitting} />
        ) : failure ? (
          <Callout tone="danger" title={failure.title}>
            {failure.hint}
          </Callout>
        ) : null}
      </div>
    </div>
  );
}

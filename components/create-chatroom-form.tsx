"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { createChatroomAction } from "@/app/(dashboard)/actions";
import type { ActionError } from "@/lib/dashboard/ui/action-result";
import type { Contact, Group, OrgUser, Waba } from "@/lib/dashboard/api/schemas";
import { createBodyOf, createChatroomFormSchema, type CreateChatroomForm } from "@/lib/dashboard/ui/forms";
import { chatroomPath } from "@/lib/dashboard/ui/paths";
import { dataPaths, fetchData, queryKeys } from "@/lib/dashboard/ui/query-keys";
import { AssignmentFields, FieldError } from "./assignment-fields";
import { ConflictPanel, type WayOut } from "./conflict-panel";
import { useToast } from "./toast";
import { buttonClass, inputClass } from "./ui";
import { useHydrated } from "./use-hydrated";

interface Props {
  orgId: string;
  users: OrgUser[];
  groups: Group[];
  wabas: Waba[];
  initialContact: Contact | null;
  /** Support agents may create only with force_deactivate. */
  forceOnly: boolean;
  noteRequired: boolean;
}

export function CreateChatroomForm({ orgId, users, groups, wabas, initialContact, forceOnly, noteRequired }: Props) {
  const hydrated = useHydrated();
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [contact, setContact] = useState<Contact | null>(initialContact);
  const [search, setSearch] = useState("");
  const [debounced, setDebounced] = useState("");
  const [failure, setFailure] = useState<ActionError | null>(null);
  const failureRef = useRef<HTMLDivElement>(null);
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
  const { register, handleSubmit, watch, setValue, setError, formState, control } = form;
  const wabaId = useWatch({ control, name: "remote_waba_id" });
  const firstPhone = wabas.flatMap((waba) => waba.phones).sort((a, b) => a.position - b.position)[0];

  useEffect(() => {
    const timer = setTimeout(() => setDebounced(search.trim()), 250);
    return () => clearTimeout(timer);
  }, [search]);
  const contacts = useQuery({
    queryKey: queryKeys.contacts(orgId, debounced),
    queryFn: () => fetchData<{ state: string; items: Contact[] }>(dataPaths.contacts(orgId, debounced)),
    enabled: debounced.length > 0,
  });

  useEffect(() => {
    if (failure) failureRef.current?.focus();
  }, [failure]);

  async function submit(values: CreateChatroomForm) {
    if (noteRequired && values.note.trim() === "") {
      setError("note", { message: "A note is required for support agents" });
      return;
    }
    setFailure(null);
    const result = await createChatroomAction(orgId, { body: createBodyOf(values), note: values.note || undefined });
    if (result.ok) {
      toast(result.data.is_existing ? "The contact already had this active chatroom; opened it." : "Chatroom created.");
      await queryClient.invalidateQueries({ queryKey: queryKeys.org(orgId) });
      router.push(chatroomPath(orgId, result.data.chatroom_id));
      router.refresh();
      return;
    }
    for (const [field, message] of Object.entries(result.error.fieldErrors)) {
      setError(field as keyof CreateChatroomForm, { message });
    }
    setFailure(result.error);
    toast(result.error.description, "error");
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
    if (failure.name === "LEAD_HAS_ACTIVE_CHATROOM" || failure.name === "CHATROOM_EXISTS_FOR_PHONE" || failure.name === "NO_WABA_PHONE_AVAILABLE") {
      ways.push({
        label: "Force-deactivate and create",
        explanation:
          failure.name === "LEAD_HAS_ACTIVE_CHATROOM"
            ? "Deactivate this contact's active chatroom, then create the new one."
            : "Deactivate this contact's own active chatroom if any, then create; other contacts' rooms need deactivating from their page.",
        run: retry({ force_deactivate: true }),
      });
    }
  }

  const userName = (id: string | null) => users.find((user) => user.id === id)?.name ?? id ?? "—";
  const errors = formState.errors;

  return (
    <div className="space-y-4">
      <form
        onSubmit={handleSubmit(submit)}
        data-hydrated={hydrated ? "true" : undefined}
        noValidate
        className="space-y-5 rounded-md border border-slate-300 bg-white p-4"
        aria-label="Create a chatroom"
      >
        <fieldset>
          <legend className="text-sm font-medium">Contact</legend>
          <input type="hidden" {...register("lead_id")} />
          {contact ? (
            <p className="mt-1 text-sm" data-testid="chosen-contact">
              <span className="font-medium">
                {contact.first_name} {contact.last_name}
              </span>{" "}
              · {contact.crm_id} · {contact.phone_number}{" "}
              <button
                type="button"
                className="ml-2 text-blue-800 underline"
                onClick={() => {
                  setContact(null);
                  setValue("lead_id", "");
                }}
              >
                Change
              </button>
            </p>
          ) : (
            <div className="mt-1">
              <label htmlFor="contact-search" className="block text-sm">
                Search by name, CRM id or phone
              </label>
              <input
                id="contact-search"
                type="search"
                value={search}
                onChange={(event) => setSearch(event.target.value)}
                className={inputClass}
                aria-describedby="lead-error"
                autoComplete="off"
              />
              {contacts.isFetching ? <p className="mt-1 text-sm text-slate-600">Searching…</p> : null}
              {contacts.data && contacts.data.items.length === 0 ? <p className="mt-1 text-sm text-slate-700">No contact matches.</p> : null}
              {contacts.data && contacts.data.items.length > 0 ? (
                <ul className="mt-2 max-h-60 divide-y divide-slate-200 overflow-y-auto rounded border border-slate-300" aria-label="Matching contacts">
                  {contacts.data.items.map((item) => (
                    <li key={item.id}>
                      <button
                        type="button"
                        className="w-full px-3 py-2 text-left text-sm hover:bg-slate-100 focus-visible:bg-slate-100"
                        onClick={() => {
                          setContact(item);
                          setValue("lead_id", item.id, { shouldValidate: true });
                        }}
                      >
                        {item.first_name} {item.last_name} · {item.crm_id} · {item.phone_number}
                      </button>
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          )}
          <FieldError id="lead-error" message={errors.lead_id ? "Choose a contact" : undefined} />
        </fieldset>

        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor="create-waba" className="block text-sm font-medium">
              WABA (optional)
            </label>
            <select id="create-waba" {...register("remote_waba_id")} className={inputClass} aria-describedby="create-waba-help">
              <option value="">Default</option>
              {wabas.map((waba) => (
                <option key={waba.remote_waba_id} value={waba.remote_waba_id}>
                  {waba.name}
                </option>
              ))}
            </select>
            <FieldError id="create-waba-error" message={errors.remote_waba_id?.message} />
          </div>
          <div>
            <label htmlFor="create-phone" className="block text-sm font-medium">
              WABA phone (optional)
            </label>
            <select id="create-phone" {...register("remote_phone_id")} className={inputClass} aria-describedby="create-waba-help">
              <option value="">Default</option>
              {wabas
                .filter((waba) => wabaId === "" || waba.remote_waba_id === wabaId)
                .flatMap((waba) =>
                  waba.phones.map((phone) => (
                    <option key={phone.remote_phone_id} value={phone.remote_phone_id}>
                      {phone.display_phone_number} ({waba.name})
                    </option>
                  )),
                )}
            </select>
            <FieldError id="create-phone-error" message={errors.remote_phone_id?.message} />
          </div>
          <p id="create-waba-help" className="text-sm text-slate-700 sm:col-span-2">
            Default: the phone that already serves this contact, else the WABA&apos;s (or the org&apos;s) first phone
            {firstPhone ? ` (${firstPhone.display_phone_number})` : ""}.
          </p>
        </div>

        <AssignmentFields register={register} watch={watch} errors={errors} users={users} groups={groups} allowNone idPrefix="create" />

        <div className="space-y-3">
          {forceOnly ? (
            <p className="text-sm text-slate-700">
              Support agents create with force: the contact&apos;s active chatroom, if any, is deactivated (reason: replaced by a new chatroom).
            </p>
          ) : (
            <div className="flex items-start gap-2 text-sm">
              <input id="create-force" type="checkbox" className="mt-1" {...register("force_deactivate")} aria-describedby="create-force-help" />
              <div>
                <label htmlFor="create-force" className="font-medium">
                  Force-deactivate the contact&apos;s active chatroom
                </label>
                <p id="create-force-help" className="text-slate-700">
                  If this contact already has an active chatroom, it is deactivated (reason: replaced by a new chatroom) and a new one is created.
                </p>
              </div>
            </div>
          )}
          <div className="flex items-start gap-2 text-sm">
            <input id="create-fail" type="checkbox" className="mt-1" {...register("fail_if_chatroom_exists_on_other_waba_phone")} aria-describedby="create-fail-help" />
            <div>
              <label htmlFor="create-fail" className="font-medium">
                Fail if another contact has an active chatroom for this number
              </label>
              <p id="create-fail-help" className="text-slate-700">
                On: refuse when someone else sharing this phone number is already being served on any WABA phone. Off: put the chatroom on the next
                WABA phone that is free for this number.
              </p>
            </div>
          </div>
        </div>

        <div>
          <label htmlFor="create-note" className="block text-sm font-medium">
            Note for the audit {noteRequired ? "(required)" : "(optional)"}
          </label>
          <textarea id="create-note" rows={2} {...register("note")} className={inputClass} aria-invalid={errors.note ? true : undefined} aria-describedby={errors.note ? "create-note-error" : undefined} />
          <FieldError id="create-note-error" message={errors.note?.message} />
        </div>

        <button type="submit" className={buttonClass} disabled={!hydrated || formState.isSubmitting}>
          {formState.isSubmitting ? "Creating…" : "Create chatroom"}
        </button>
      </form>
      <div ref={failureRef} tabIndex={-1} className="outline-none">
        {failure && failure.conflicts.length > 0 ? (
          <ConflictPanel
            orgId={orgId}
            name={failure.name}
            description={failure.description}
            conflicts={failure.conflicts}
            ways={ways}
            userName={userName}
            pending={formState.isSubmitting}
          />
        ) : failure ? (
          <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
            {failure.name}: {failure.description}
          </p>
        ) : null}
      </div>
    </div>
  );
}

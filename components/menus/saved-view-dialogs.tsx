"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, type UseFormSetError } from "react-hook-form";
import { deleteViewAction, renameViewAction, saveViewAction } from "@/app/(dashboard)/actions";
import type { ActionError } from "@/lib/dashboard/ui/action-result";
import { savedViewFormSchema, type SavedViewForm } from "@/lib/dashboard/ui/forms";
import { runAction } from "../run-action";
import { Button } from "../ui/button";
import { Dialog, DialogContent, DialogFooter, DialogTrigger } from "../ui/dialog";
import { Field, Input, fieldIds } from "../ui/field";
import { notify } from "../ui/toaster";

const nameError = (setError: UseFormSetError<SavedViewForm>) => (error: ActionError) => {
  if (error.fieldErrors.name) setError("name", { message: error.fieldErrors.name }, { shouldFocus: true });
};

/** Save the list's current filters and sort under a name; loaded on intent. */
export function SaveViewDialog({
  orgId,
  query,
  trigger,
  defaultOpen,
}: {
  orgId: string;
  query: string;
  trigger: React.ReactNode;
  defaultOpen: boolean;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(defaultOpen);
  const { register, handleSubmit, setError, formState, reset } = useForm<SavedViewForm>({
    resolver: zodResolver(savedViewFormSchema),
    defaultValues: { name: "" },
  });
  async function submit(values: SavedViewForm) {
    await runAction(() => saveViewAction(orgId, { name: values.name, query }), {
      ok: (view) => {
        notify.success(`View “${view.name}” saved.`);
        setOpen(false);
        reset();
        router.refresh();
      },
      failed: nameError(setError),
    });
  }
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent
        title="Save this view"
        description="Keeps the list's current filters and sort under a name, for you only."
      >
        <form
          onSubmit={handleSubmit(submit)}
          noValidate
          className="space-y-4"
          data-hydrated="true"
          aria-label="Save view"
        >
          <Field id="view-name" label="Name" error={formState.errors.name?.message}>
            <Input
              autoComplete="off"
              {...register("name")}
              {...fieldIds("view-name", { error: formState.errors.name?.message })}
            />
          </Field>
          <DialogFooter>
            <Button type="submit" disabled={formState.isSubmitting}>
              {formState.isSubmitting ? "Saving…" : "Save view"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** Rename or delete one of the person's views; loaded on intent. */
export function EditViewDialog({
  orgId,
  view,
  trigger,
  defaultOpen,
}: {
  orgId: string;
  view: { id: string; name: string };
  trigger: React.ReactNode;
  defaultOpen: boolean;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(defaultOpen);
  const [deleting, setDeleting] = useState(false);
  const { register, handleSubmit, setError, formState } = useForm<SavedViewForm>({
    resolver: zodResolver(savedViewFormSchema),
    defaultValues: { name: view.name },
  });
  async function rename(values: SavedViewForm) {
    await runAction(() => renameViewAction(orgId, view.id, values), {
      ok: (renamed) => {
        notify.success(`View renamed to “${renamed.name}”.`);
        setOpen(false);
        router.refresh();
      },
      failed: nameError(setError),
    });
  }
  async function remove() {
    setDeleting(true);
    await runAction(() => deleteViewAction(orgId, view.id), {
      ok: () => {
        notify.success(`View “${view.name}” deleted.`);
        setOpen(false);
        router.refresh();
      },
    });
    setDeleting(false);
  }
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent title={`The view “${view.name}”`} description="Rename it, or delete it. Only you see your views.">
        <form
          onSubmit={handleSubmit(rename)}
          noValidate
          className="space-y-4"
          data-hydrated="true"
          aria-label="Rename view"
        >
          <Field id={`view-name-${view.id}`} label="Name" error={formState.errors.name?.message}>
            <Input
              autoComplete="off"
              {...register("name")}
              {...fieldIds(`view-name-${view.id}`, { error: formState.errors.name?.message })}
            />
          </Field>
          <DialogFooter>
            <Button variant="danger" onClick={remove} disabled={deleting || formState.isSubmitting}>
              {deleting ? "Deleting…" : "Delete view"}
            </Button>
            <Button type="submit" disabled={deleting || formState.isSubmitting}>
              {formState.isSubmitting ? "Renaming…" : "Rename"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

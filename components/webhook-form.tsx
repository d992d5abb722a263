"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { KeyRound, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { createWebhookAction } from "@/app/(dashboard)/actions";
import type { CreatedWebhook } from "@/lib/dashboard/api/schemas";
import { webhookFormSchema, type WebhookForm } from "@/lib/dashboard/ui/forms";
import { eventTypeGroups } from "@/lib/dashboard/ui/webhooks";
import { runAction } from "./run-action";
import { Button } from "./ui/button";
import { Callout } from "./ui/callout";
import { CopyButton } from "./ui/copy-button";
import { Dialog, DialogContent, DialogFooter, DialogTrigger } from "./ui/dialog";
import { CheckboxField, Field, FieldError, Input, fieldIds } from "./ui/field";
import { notify } from "./ui/toaster";
import { useHydrated } from "./use-hydrated";

const chatroomTypes = eventTypeGroups[0]!.types.map(({ type }) => type);

/**
 * Add a subscription: its address, what it is for, and the event types as checkboxes. The answer's signing
 * secret is shown in the same dialog, once: it is held only in this component's state until the dialog closes.
 */
export function AddWebhookDialog({ orgId }: { orgId: string }) {
  const hydrated = useHydrated();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const { register, handleSubmit, setError, formState, reset } = useForm<WebhookForm>({
    resolver: zodResolver(webhookFormSchema),
    defaultValues: { url: "", description: "", types: chatroomTypes },
  });
  const errors = formState.errors;
  async function submit(values: WebhookForm) {
    await runAction(() => createWebhookAction(orgId, values), {
      ok: (webhook) => {
        setCreated(webhook);
        notify.success("Webhook added.");
      },
      failed: (error) => Object.entries(error.fieldErrors).forEach(([field, message], index) => setError(field as keyof WebhookForm, { message }, { shouldFocus: index === 0 })),
    });
  }
  function changeOpen(next: boolean) {
    setOpen(next);
    if (!next) {
      // The secret leaves the page with the dialog; the list then shows the new subscription.
      if (created) router.refresh();
      setCreated(null);
      reset();
    }
  }
  return (
    <Dialog open={open} onOpenChange={changeOpen}>
      <DialogTrigger asChild>
        <Button disabled={!hydrated} data-hydrated={hydrated ? "true" : undefined}>
          <Plus aria-hidden="true" /> Add a webhook
        </Button>
      </DialogTrigger>
      {created ? (
        <DialogContent title="Copy the signing secret now" description="It is shown this once. Your receiver checks each delivery's Switchboard-Signature header with it.">
          <div className="space-y-3" data-testid="webhook-secret">
            <div className="flex items-center gap-2 rounded-md border border-border bg-surface-muted px-3 py-2">
              <KeyRound aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />
              <code className="min-w-0 flex-1 font-mono text-sm break-all" data-testid="webhook-secret-value">
                {created.secret}
              </code>
              <CopyButton value={created.secret} label="the signing secret" />
            </div>
            <Callout tone="warning" title="Keep it somewhere safe.">
              Switchboard keeps no copy you can read again. If it is lost, delete this webhook and add it again.
            </Callout>
          </div>
          <DialogFooter>
            <Button onClick={() => changeOpen(false)}>I have copied it</Button>
          </DialogFooter>
        </DialogContent>
      ) : (
        <DialogContent title="Add a webhook" description="Switchboard sends each event of the types you choose to this address as a signed POST.">
          <form onSubmit={handleSubmit(submit)} noValidate className="space-y-4" data-hydrated="true" aria-label="New webhook">
            <Field id="webhook-url" label="Address" hint="An https:// address of your receiver." error={errors.url?.message}>
              <Input type="url" placeholder="https://crm.example.com/switchboard" {...register("url")} {...fieldIds("webhook-url", { hint: true, error: errors.url?.message })} />
            </Field>
            <Field id="webhook-description" label="What it is for (optional)" error={errors.description?.message}>
              <Input {...register("description")} {...fieldIds("webhook-description", { error: errors.description?.message })} />
            </Field>
            <fieldset className="space-y-3" aria-describedby={errors.types ? "webhook-types-error" : undefined}>
              <legend className="text-sm font-medium">Events to send</legend>
              <div className="grid gap-4 sm:grid-cols-2">
                {eventTypeGroups.map((group) => (
                  <fieldset key={group.title} className="space-y-2">
                    <legend className="text-xs font-medium text-muted-foreground">{group.title}</legend>
                    {group.types.map(({ type, label }) => (
                      <CheckboxField key={type} id={`webhook-type-${type}`} label={label} value={type} {...register("types")} />
                    ))}
                  </fieldset>
                ))}
              </div>
              <FieldError id="webhook-types-error" message={errors.types?.message} />
            </fieldset>
            <DialogFooter>
              <Button type="submit" disabled={formState.isSubmitting}>
                {formState.isSubmitting ? "Adding…" : "Add webhook"}
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      )}
    </Dialog>
  );
}

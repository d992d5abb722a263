"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useForm, useWatch } from "react-hook-form";
import { updateSettingsAction } from "@/app/(dashboard)/actions";
import type { OrgConfig } from "@/lib/dashboard/api/schemas";
import { groupStrategyHelp, groupStrategyLabel, historyVisibilityLabel } from "@/lib/dashboard/ui/format";
import { settingsFormSchema, type SettingsForm as Values } from "@/lib/dashboard/ui/forms";
import { queryKeys } from "@/lib/dashboard/ui/query-keys";
import { deadlinesWarning } from "@/lib/dashboard/ui/settings-warning";
import { runAction } from "./run-action";
import { Button } from "./ui/button";
import { Callout } from "./ui/callout";
import { Field, Input, fieldIds } from "./ui/field";
import { Select } from "./ui/select";
import { notify } from "./ui/toaster";
import { useHydrated } from "./use-hydrated";

export function SettingsForm({ orgId, config }: { orgId: string; config: OrgConfig }) {
  const hydrated = useHydrated();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { register, handleSubmit, setError, formState, control, setValue } = useForm<Values>({ resolver: zodResolver(settingsFormSchema), defaultValues: config });
  const [inactivity, expiry, visibility, strategy] = useWatch({ control, name: ["inactivity_days", "expiry_days", "history_visibility", "group_strategy"] });
  const warning = deadlinesWarning(Number(inactivity), Number(expiry));
  async function submit(values: Values) {
    await runAction(() => updateSettingsAction(orgId, values), {
      ok: async () => {
        notify.success("Settings saved.");
        await queryClient.invalidateQueries({ queryKey: queryKeys.org(orgId) });
        router.refresh();
      },
      failed: (error) => Object.entries(error.fieldErrors).forEach(([field, message], index) => setError(field as keyof Values, { message }, { shouldFocus: index === 0 })),
    });
  }
  const errors = formState.errors;
  return (
    <form onSubmit={handleSubmit(submit)} noValidate data-hydrated={hydrated ? "true" : undefined} className="space-y-5" aria-label="Org settings">
      <div className="grid gap-5 sm:grid-cols-2">
        <Field id="inactivity_days" label="Inactivity days" hint="A chatroom is deactivated after this many days without a message from the lead." error={errors.inactivity_days?.message}>
          <Input type="number" min={1} max={3650} {...register("inactivity_days", { valueAsNumber: true })} {...fieldIds("inactivity_days", { hint: true, error: errors.inactivity_days?.message })} />
        </Field>
        <Field id="expiry_days" label="Expiry days" hint="A chatroom expires for good this many days after it was created." error={errors.expiry_days?.message}>
          <Input type="number" min={1} max={3650} {...register("expiry_days", { valueAsNumber: true })} {...fieldIds("expiry_days", { hint: true, error: errors.expiry_days?.message })} />
        </Field>
        {warning ? (
          <Callout tone="warning" title="Inactivity will never close a chatroom." className="sm:col-span-2" data-testid="deadlines-warning">
            {warning}
          </Callout>
        ) : null}
        <Field id="history_visibility" label="Default history visibility" hint="For new chatrooms: which messages a member sees.">
          <Select
            id="history_visibility"
            describedBy="history_visibility-hint"
            value={visibility}
            onValueChange={(value) => setValue("history_visibility", value as Values["history_visibility"], { shouldDirty: true })}
            options={Object.entries(historyVisibilityLabel).map(([value, label]) => ({ value, label }))}
          />
        </Field>
        <Field id="group_strategy" label="Group strategy" hint={`How a group picks its member: ${groupStrategyHelp[strategy] ?? ""}.`}>
          <Select
            id="group_strategy"
            describedBy="group_strategy-hint"
            value={strategy}
            onValueChange={(value) => setValue("group_strategy", value as Values["group_strategy"], { shouldDirty: true })}
            options={Object.entries(groupStrategyLabel).map(([value, label]) => ({ value, label }))}
          />
        </Field>
      </div>
      <Button type="submit" disabled={!hydrated || formState.isSubmitting}>
        {formState.isSubmitting ? "Saving…" : "Save settings"}
      </Button>
    </form>
  );
}

"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { updateSettingsAction } from "@/app/(dashboard)/actions";
import type { OrgConfig } from "@/lib/dashboard/api/schemas";
import { settingsFormSchema, type SettingsForm as Values } from "@/lib/dashboard/ui/forms";
import { queryKeys } from "@/lib/dashboard/ui/query-keys";
import { FieldError } from "./assignment-fields";
import { useToast } from "./toast";
import { buttonClass, inputClass } from "./ui";
import { useHydrated } from "./use-hydrated";

export function SettingsForm({ orgId, config }: { orgId: string; config: OrgConfig }) {
  const hydrated = useHydrated();
  const toast = useToast();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { register, handleSubmit, setError, formState } = useForm<Values>({ resolver: zodResolver(settingsFormSchema), defaultValues: config });
  async function submit(values: Values) {
    const result = await updateSettingsAction(orgId, values);
    if (result.ok) {
      toast("Settings saved.");
      await queryClient.invalidateQueries({ queryKey: queryKeys.org(orgId) });
      router.refresh();
      return;
    }
    for (const [field, message] of Object.entries(result.error.fieldErrors)) setError(field as keyof Values, { message });
    toast(result.error.description, "error");
  }
  const errors = formState.errors;
  return (
    <form onSubmit={handleSubmit(submit)} noValidate data-hydrated={hydrated ? "true" : undefined} className="grid gap-4 sm:grid-cols-2" aria-label="Org settings">
      <div>
        <label htmlFor="inactivity_days" className="block text-sm font-medium">
          Inactivity days
        </label>
        <input id="inactivity_days" type="number" min={1} max={3650} {...register("inactivity_days", { valueAsNumber: true })} className={inputClass} aria-describedby="inactivity-help" aria-invalid={errors.inactivity_days ? true : undefined} />
        <p id="inactivity-help" className="mt-1 text-xs text-slate-700">A chatroom is deactivated after this many days without a message from the lead.</p>
        <FieldError id="inactivity-error" message={errors.inactivity_days?.message} />
      </div>
      <div>
        <label htmlFor="expiry_days" className="block text-sm font-medium">
          Expiry days
        </label>
        <input id="expiry_days" type="number" min={1} max={3650} {...register("expiry_days", { valueAsNumber: true })} className={inputClass} aria-describedby="expiry-help" aria-invalid={errors.expiry_days ? true : undefined} />
        <p id="expiry-help" className="mt-1 text-xs text-slate-700">A chatroom expires for good this many days after it was created.</p>
        <FieldError id="expiry-error" message={errors.expiry_days?.message} />
      </div>
      <div>
        <label htmlFor="history_visibility" className="block text-sm font-medium">
          Default history visibility
        </label>
        <select id="history_visibility" {...register("history_visibility")} className={inputClass}>
          <option value="shared">shared: members see all messages</option>
          <option value="joined">joined: members see messages since they joined</option>
        </select>
      </div>
      <div>
        <label htmlFor="group_strategy" className="block text-sm font-medium">
          Group strategy
        </label>
        <select id="group_strategy" {...register("group_strategy")} className={inputClass}>
          <option value="ROUND_ROBIN">Round robin</option>
          <option value="LEAST_ACTIVE">Least active</option>
        </select>
      </div>
      <div className="sm:col-span-2">
        <button type="submit" className={buttonClass} disabled={!hydrated || formState.isSubmitting}>
          {formState.isSubmitting ? "Saving…" : "Save settings"}
        </button>
      </div>
    </form>
  );
}

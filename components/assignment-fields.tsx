"use client";

import type { FieldErrors, UseFormRegister, UseFormWatch } from "react-hook-form";
import type { Group, OrgUser } from "@/lib/dashboard/api/schemas";
import { inputClass } from "./ui";

type AssignmentValues = { assign_mode: string; user_id: string; group_id: string; assign_on_handover: boolean };

/** Assignment to a user or a group, with the handover toggle (R18-R21), explained in plain words. */
export function AssignmentFields<T extends AssignmentValues>({
  register,
  watch,
  errors,
  users,
  groups,
  allowNone,
  idPrefix,
}: {
  register: UseFormRegister<T>;
  watch: UseFormWatch<T>;
  errors: FieldErrors<T>;
  users: OrgUser[];
  groups: Group[];
  allowNone: boolean;
  idPrefix: string;
}) {
  // The generic form type is narrowed to the assignment fields for registration.
  const reg = register as unknown as UseFormRegister<AssignmentValues>;
  const mode = (watch as unknown as UseFormWatch<AssignmentValues>)("assign_mode");
  const fieldErrors = errors as FieldErrors<AssignmentValues>;
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium">Assign to</legend>
      <div className="flex flex-wrap gap-4 text-sm">
        {allowNone ? (
          <label className="inline-flex items-center gap-1">
            <input type="radio" value="NONE" {...reg("assign_mode")} /> Nobody yet
          </label>
        ) : null}
        <label className="inline-flex items-center gap-1">
          <input type="radio" value="USER" {...reg("assign_mode")} /> A user
        </label>
        <label className="inline-flex items-center gap-1">
          <input type="radio" value="GROUP" {...reg("assign_mode")} /> A group (the org picks a member)
        </label>
      </div>
      {mode === "USER" ? (
        <div>
          <label htmlFor={`${idPrefix}-user`} className="block text-sm font-medium">
            User
          </label>
          <select id={`${idPrefix}-user`} {...reg("user_id")} className={inputClass} aria-invalid={fieldErrors.user_id ? true : undefined} aria-describedby={fieldErrors.user_id ? `${idPrefix}-user-error` : undefined}>
            <option value="">Choose a user</option>
            {users.map((user) => (
              <option key={user.id} value={user.id} disabled={!user.active}>
                {user.name} ({user.role.toLowerCase()}){user.active ? "" : " — disabled"}
              </option>
            ))}
          </select>
          {fieldErrors.user_id ? (
            <p id={`${idPrefix}-user-error`} className="mt-1 text-sm text-red-800">
              {String(fieldErrors.user_id.message)}
            </p>
          ) : null}
        </div>
      ) : null}
      {mode === "GROUP" ? (
        <div>
          <label htmlFor={`${idPrefix}-group`} className="block text-sm font-medium">
            Group
          </label>
          <select id={`${idPrefix}-group`} {...reg("group_id")} className={inputClass} aria-invalid={fieldErrors.group_id ? true : undefined} aria-describedby={fieldErrors.group_id ? `${idPrefix}-group-error` : undefined}>
            <option value="">Choose a group</option>
            {groups.map((group) => (
              <option key={group.id} value={group.id}>
                {group.name} ({group.members.length} members)
              </option>
            ))}
          </select>
          {fieldErrors.group_id ? (
            <p id={`${idPrefix}-group-error`} className="mt-1 text-sm text-red-800">
              {String(fieldErrors.group_id.message)}
            </p>
          ) : null}
        </div>
      ) : null}
      {mode === "USER" || mode === "GROUP" ? (
        <div className="flex items-start gap-2 text-sm">
          <input id={`${idPrefix}-handover`} type="checkbox" className="mt-1" {...reg("assign_on_handover")} aria-describedby={`${idPrefix}-handover-help`} />
          <div>
            <label htmlFor={`${idPrefix}-handover`} className="font-medium">
              Assign on handover
            </label>
            <p id={`${idPrefix}-handover-help`} className="text-slate-700">
              Nobody gets access now; the assignee is granted access when the lead next writes (for a group, the pick happens then).
            </p>
          </div>
        </div>
      ) : null}
    </fieldset>
  );
}

export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-800">
      {message}
    </p>
  );
}

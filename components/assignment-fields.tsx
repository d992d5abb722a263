"use client";

import { useController, type Control, type FieldErrors } from "react-hook-form";
import type { Group, OrgUser } from "@/lib/dashboard/api/schemas";
import { activeMembers } from "@/lib/dashboard/ui/names";
import { Combobox } from "./ui/combobox";
import { CheckboxField, FieldError } from "./ui/field";

type AssignmentValues = { assign_mode: string; user_id: string; group_id: string; assign_on_handover: boolean };

/** Users as choices: a disabled one stays in the list, disabled, saying why (R18). */
function userOptions(users: OrgUser[]) {
  return users.map((user) => ({
    value: user.id,
    label: user.name,
    description: user.role === "ADMIN" ? "Admin" : "Agent",
    disabledReason: user.active ? undefined : "Disabled: can no longer be given chatrooms",
  }));
}

/** Groups as choices: one with no active member cannot take a chatroom (R18), and says so. */
function groupOptions(users: OrgUser[], groups: Group[]) {
  return groups.map((group) => {
    const active = activeMembers({ users, groups, wabas: [] }, group).length;
    return {
      value: group.id,
      label: group.name,
      description: `${active} active member${active === 1 ? "" : "s"}, picked in turn`,
      disabledReason: active === 0 ? "No active members: nobody could be picked" : undefined,
    };
  });
}

/** Assignment to a user or a group, with the handover toggle (R18-R21), explained in plain words. */
export function AssignmentFields<T extends AssignmentValues>({
  control,
  errors,
  users,
  groups,
  allowNone,
  idPrefix,
}: {
  control: Control<T>;
  errors: FieldErrors<T>;
  users: OrgUser[];
  groups: Group[];
  allowNone: boolean;
  idPrefix: string;
}) {
  // The generic form is narrowed to its assignment fields.
  const assignment = control as unknown as Control<AssignmentValues>;
  const fieldErrors = errors as FieldErrors<AssignmentValues>;
  const mode = useController({ control: assignment, name: "assign_mode" });
  const user = useController({ control: assignment, name: "user_id" });
  const group = useController({ control: assignment, name: "group_id" });
  const handover = useController({ control: assignment, name: "assign_on_handover" });
  const modes = [...(allowNone ? [{ value: "NONE", label: "Nobody yet" }] : []), { value: "USER", label: "A user" }, { value: "GROUP", label: "A group" }];
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium">Assign to</legend>
      <div role="radiogroup" aria-label="Assign to" className="inline-flex rounded-md border border-border-strong bg-surface-muted p-0.5">
        {modes.map((option) => (
          <label
            key={option.value}
            className="cursor-pointer rounded px-3 py-1 text-sm font-medium text-muted-foreground has-checked:bg-surface has-checked:text-foreground has-checked:shadow-xs has-focus-visible:outline-2 has-focus-visible:outline-ring"
          >
            <input
              type="radio"
              className="sr-only"
              name={`${idPrefix}-mode`}
              value={option.value}
              checked={mode.field.value === option.value}
              onChange={() => mode.field.onChange(option.value)}
            />
            {option.label}
          </label>
        ))}
      </div>
      {mode.field.value === "USER" ? (
        <div className="space-y-1.5">
          <label htmlFor={`${idPrefix}-user`} className="block text-sm font-medium">
            User
          </label>
          <Combobox
            id={`${idPrefix}-user`}
            options={userOptions(users)}
            value={user.field.value}
            onChange={user.field.onChange}
            placeholder="Choose a user"
            searchPlaceholder="Search users…"
            invalid={Boolean(fieldErrors.user_id)}
            describedBy={fieldErrors.user_id ? `${idPrefix}-user-error` : undefined}
            triggerRef={user.field.ref}
          />
          <FieldError id={`${idPrefix}-user-error`} message={fieldErrors.user_id?.message} />
        </div>
      ) : null}
      {mode.field.value === "GROUP" ? (
        <div className="space-y-1.5">
          <label htmlFor={`${idPrefix}-group`} className="block text-sm font-medium">
            Group
          </label>
          <Combobox
            id={`${idPrefix}-group`}
            options={groupOptions(users, groups)}
            value={group.field.value}
            onChange={group.field.onChange}
            placeholder="Choose a group"
            searchPlaceholder="Search groups…"
            invalid={Boolean(fieldErrors.group_id)}
            describedBy={fieldErrors.group_id ? `${idPrefix}-group-error` : undefined}
            triggerRef={group.field.ref}
          />
          <FieldError id={`${idPrefix}-group-error`} message={fieldErrors.group_id?.message} />
        </div>
      ) : null}
      {mode.field.value !== "NONE" ? (
        <CheckboxField
          id={`${idPrefix}-handover`}
          label="Assign on handover"
          hint="Nobody gets access now; the assignee gets it when the lead next writes (for a group, the pick happens then)."
          checked={handover.field.value}
          onChange={(event) => handover.field.onChange(event.target.checked)}
        />
      ) : null}
    </fieldset>
  );
}

import type { ChatroomObject, ConflictEntry } from "@/lib/dashboard/api/schemas";

/** What every server action of the dashboard answers (plain data, safe to send to the browser). */
export interface ActionError {
  status: number;
  name: string;
  description: string;
  /** Validation issues mapped onto the form's fields. */
  fieldErrors: Record<string, string>;
  /** The conflicting chatrooms of a 409 (docs/rules.md: the same payload shape for every chatroom 409). */
  conflicts: ConflictEntry[];
}

export type ActionResult<T = ChatroomObject> = { ok: true; data: T } | { ok: false; error: ActionError };

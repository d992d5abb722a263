import type { ChatroomObject, ConflictEntry } from "@/lib/dashboard/api/schemas";

/** What every server action of the dashboard answers (plain data, safe to send to the browser). */
export interface ActionError {
  status: number;
  /** The API's error name: it decides the ways out offered, and is never shown to a person. */
  name: string;
  /** What happened and what to do, in words. */
  title: string;
  hint: string;
  /** Errors in words, by form field. */
  fieldErrors: Record<string, string>;
  /** What the error is about, when it concerns one thing the form chose (a user, a group, a phone). */
  subject: { kind?: string; userId?: string; groupId?: string };
  /** The conflicting chatrooms of a 409 (docs/rules.md: the same payload shape for every chatroom 409). */
  conflicts: ConflictEntry[];
}

export type ActionResult<T = ChatroomObject> = { ok: true; data: T } | { ok: false; error: ActionError };

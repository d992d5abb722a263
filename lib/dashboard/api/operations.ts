import "server-only";
import { conflictEntrySchema } from "@/lib/chatrooms/schemas";
import { canPerform, requiresNote, type Operation, type Person } from "@/lib/dashboard/session/access";
import type { ActionError, ActionResult } from "@/lib/dashboard/ui/action-result";
import { recordAction } from "@/lib/dashboard/store";
import { apiFor, type ApiFailure, type ApiResult, type CreateChatroomBody } from "@/lib/dashboard/api/client";
import type { ChatroomObject, OrgConfig } from "@/lib/dashboard/api/schemas";
import { fieldErrorsOf, formFieldOf } from "@/lib/dashboard/ui/forms";

/**
 * The changes a person can ask for. Each one is authorized here (whatever the browser sent), goes to the
 * API through the client, and is recorded in the dashboard's action log with its answer.
 */

function toActionError(error: ApiFailure): ActionError {
  const conflicts = Array.isArray(error.payload.conflicts)
    ? error.payload.conflicts.flatMap((entry) => {
        const parsed = conflictEntrySchema.safeParse(entry);
        return parsed.success ? [parsed.data] : [];
      })
    : [];
  return {
    status: error.status,
    name: error.name,
    description: error.missing ? "The chatroom API this dashboard talks to does not provide this operation." : error.description,
    fieldErrors: error.name === "VALIDATION_FAILED" ? fieldErrorsOf(error.payload, formFieldOf) : {},
    conflicts,
  };
}

export function denied(description: string, status = 403, fieldErrors: Record<string, string> = {}): { ok: false; error: ActionError } {
  return { ok: false, error: { status, name: status === 403 ? "FORBIDDEN" : "VALIDATION_FAILED", description, fieldErrors, conflicts: [] } };
}

function checkAllowed(person: Person, operation: Operation, note: string | undefined, options: { force?: boolean } = {}) {
  if (!canPerform(person, operation, options)) {
    return denied(
      person.kind === "support_agent"
        ? "Support agents resolve conflicts only: create and activate with force, deactivate, reassign."
        : "Your role may not change anything in this org.",
    );
  }
  if (requiresNote(person) && !note) return denied("Give a note: it is recorded with the change.", 400, { note: "A note is required for support agents" });
  return undefined;
}

async function finish<T>(
  person: Person,
  record: { orgId: string; chatroomId: string | null; action: string; request: Record<string, unknown>; note?: string },
  result: ApiResult<T>,
  chatroomOf: (data: T) => string | null,
): Promise<ActionResult<T>> {
  await recordAction(person, {
    ...record,
    chatroomId: result.ok ? (chatroomOf(result.data) ?? record.chatroomId) : record.chatroomId,
    status: result.ok ? 200 : result.error.status,
    outcome: result.ok ? "OK" : result.error.name,
  });
  return result.ok ? { ok: true, data: result.data } : { ok: false, error: toActionError(result.error) };
}

export async function createChatroom(person: Person, orgId: string, body: CreateChatroomBody, note?: string): Promise<ActionResult<ChatroomObject>> {
  const refusal = checkAllowed(person, "chatroom.create", note, { force: body.force_deactivate });
  if (refusal) return refusal;
  const result = await apiFor(person).createChatroom(orgId, body, note);
  return finish(person, { orgId, chatroomId: null, action: "chatroom.create", request: { ...body }, note }, result, (room) => room.chatroom_id);
}

export async function reassignChatroom(
  person: Person,
  orgId: string,
  chatroomId: string,
  body: { assign_details: CreateChatroomBody["assign_details"] },
  note?: string,
): Promise<ActionResult<ChatroomObject>> {
  const refusal = checkAllowed(person, "chatroom.reassign", note);
  if (refusal) return refusal;
  const result = await apiFor(person).reassignChatroom(orgId, chatroomId, body, note);
  return finish(person, { orgId, chatroomId, action: "chatroom.reassign", request: { ...body }, note }, result, () => chatroomId);
}

export async function deactivateChatroom(person: Person, orgId: string, chatroomId: string, reason: string, note?: string): Promise<ActionResult<ChatroomObject>> {
  const refusal = checkAllowed(person, "chatroom.deactivate", note);
  if (refusal) return refusal;
  const result = await apiFor(person).deactivateChatroom(orgId, chatroomId, reason, note);
  return finish(person, { orgId, chatroomId, action: "chatroom.deactivate", request: { deactivation_reason: reason }, note }, result, () => chatroomId);
}

export async function activateChatroom(person: Person, orgId: string, chatroomId: string, force: boolean, note?: string): Promise<ActionResult<ChatroomObject>> {
  const refusal = checkAllowed(person, "chatroom.activate", note, { force });
  if (refusal) return refusal;
  const result = await apiFor(person).activateChatroom(orgId, chatroomId, force, note);
  return finish(person, { orgId, chatroomId, action: "chatroom.activate", request: { force_deactivate: force }, note }, result, () => chatroomId);
}

export async function updateSettings(person: Person, orgId: string, body: Partial<OrgConfig>): Promise<ActionResult<OrgConfig>> {
  const refusal = checkAllowed(person, "org.configure", undefined);
  if (refusal) return refusal;
  const result = await apiFor(person).updateConfig(orgId, body);
  return finish(person, { orgId, chatroomId: null, action: "org.configure", request: { ...body } }, result, () => null);
}

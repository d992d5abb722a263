import "server-only";
import { canPerform, requiresNote, type Operation, type Person } from "@/lib/dashboard/session/access";
import type { ActionError, ActionResult } from "@/lib/dashboard/ui/action-result";
import { recordAction } from "@/lib/dashboard/store";
import { apiFor, type ApiFailure, type ApiResult, type RequestInput } from "@/lib/dashboard/api/client";
import { conflictEntrySchema, type BulkAnswer, type BulkJob, type BulkJobDetail, type ChatroomObject, type CreatedWebhook, type Delivery, type OrgConfig, type Webhook } from "@/lib/dashboard/api/schemas";
import { fieldErrorsOf, formFieldOf } from "@/lib/dashboard/ui/forms";
import { explain } from "@/lib/dashboard/ui/messages";

/**
 * The changes a person can ask for. Each one is authorized here (whatever the browser sent), goes to the
 * API through the client, and is recorded in the dashboard's action log with its answer and request id.
 */

function toActionError(error: ApiFailure): ActionError {
  const conflicts = Array.isArray(error.payload.conflicts)
    ? error.payload.conflicts.flatMap((entry) => {
        const parsed = conflictEntrySchema.safeParse(entry);
        return parsed.success ? [parsed.data] : [];
      })
    : [];
  const { title, hint } = explain(error.missing ? "MISSING" : error.name);
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  return {
    status: error.status,
    name: error.name,
    title,
    hint,
    fieldErrors: error.name === "VALIDATION_FAILED" ? fieldErrorsOf(error.payload, formFieldOf) : {},
    subject: { kind: text(error.payload.kind), userId: text(error.payload.user_id), groupId: text(error.payload.group_id) },
    conflicts,
  };
}

export function denied(title: string, hint: string, status = 403, fieldErrors: Record<string, string> = {}): { ok: false; error: ActionError } {
  return { ok: false, error: { status, name: status === 403 ? "FORBIDDEN" : "VALIDATION_FAILED", title, hint, fieldErrors, subject: {}, conflicts: [] } };
}

function checkAllowed(person: Person, operation: Operation, note: string | undefined, options: { force?: boolean } = {}) {
  if (!canPerform(person, operation, options)) {
    return person.kind === "support_agent"
      ? denied("Support agents resolve conflicts only.", "Create or activate with force, deactivate or reassign, each with a note.")
      : denied("Your role may not change anything in this org.", "Ask an org admin if it needs doing.");
  }
  if (requiresNote(person) && !note) {
    return denied("A note is needed.", "Say why in the note: it is kept with the change.", 400, { note: "Write a note: support agents give one with every change." });
  }
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
    outcome: result.ok ? "OK" : result.error.missing ? "MISSING" : result.error.name,
    requestId: result.requestId,
  });
  return result.ok ? { ok: true, data: result.data } : { ok: false, error: toActionError(result.error) };
}

type CreateBody = RequestInput<"createChatroomV3">["body"];
type ReassignBody = RequestInput<"reassignV3">["body"];

export async function createChatroom(person: Person, orgId: string, body: CreateBody, note?: string): Promise<ActionResult<ChatroomObject>> {
  const refusal = checkAllowed(person, "chatroom.create", note, { force: body.force_deactivate });
  if (refusal) return refusal;
  const result = await apiFor(person)("createChatroomV3", { params: { orgId }, body, note });
  return finish(person, { orgId, chatroomId: null, action: "chatroom.create", request: { ...body }, note }, result, (room) => room.chatroom_id);
}

export async function reassignChatroom(person: Person, orgId: string, chatroomId: string, body: ReassignBody, note?: string): Promise<ActionResult<ChatroomObject>> {
  const refusal = checkAllowed(person, "chatroom.reassign", note);
  if (refusal) return refusal;
  const result = await apiFor(person)("reassignV3", { params: { orgId, chatroomId }, body, note });
  return finish(person, { orgId, chatroomId, action: "chatroom.reassign", request: { ...body }, note }, result, () => chatroomId);
}

export async function deactivateChatroom(person: Person, orgId: string, chatroomId: string, reason: string, note?: string): Promise<ActionResult<ChatroomObject>> {
  const refusal = checkAllowed(person, "chatroom.deactivate", note);
  if (refusal) return refusal;
  const body = { deactivation_reason: reason };
  const result = await apiFor(person)("deactivate", { params: { orgId, chatroomId }, body, note });
  return finish(person, { orgId, chatroomId, action: "chatroom.deactivate", request: body, note }, result, () => chatroomId);
}

export async function activateChatroom(person: Person, orgId: string, chatroomId: string, force: boolean, note?: string): Promise<ActionResult<ChatroomObject>> {
  const refusal = checkAllowed(person, "chatroom.activate", note, { force });
  if (refusal) return refusal;
  const result = await apiFor(person)("activate", { params: { orgId, chatroomId }, query: { force_deactivate: force ? "true" : "false" }, note });
  return finish(person, { orgId, chatroomId, action: "chatroom.activate", request: { force_deactivate: force }, note }, result, () => chatroomId);
}

type BulkBody = RequestInput<"createBulk">["body"];

/**
 * A bulk reassign or deactivation, with the rights of the single-room change it repeats. A dry run is a
 * read and is not recorded; a job is recorded once, with its bulk id in the answer.
 */
export async function startBulk(person: Person, orgId: string, body: BulkBody, note?: string): Promise<ActionResult<BulkAnswer>> {
  const refusal = checkAllowed(person, body.action === "reassign" ? "chatroom.reassign" : "chatroom.deactivate", note);
  if (refusal) return refusal;
  const result = await apiFor(person)("createBulk", { params: { orgId }, body, note });
  if (body.dry_run) return result.ok ? { ok: true, data: result.data } : { ok: false, error: toActionError(result.error) };
  return finish(person, { orgId, chatroomId: null, action: `chatroom.bulk_${body.action}`, request: { ...body }, note }, result, () => null);
}

export async function cancelBulk(person: Person, orgId: string, bulkId: string, note?: string): Promise<ActionResult<BulkJob>> {
  const refusal = checkAllowed(person, "chatroom.deactivate", note);
  if (refusal) return refusal;
  const result = await apiFor(person)("cancelBulk", { params: { orgId, bulkId }, note });
  return finish(person, { orgId, chatroomId: null, action: "chatroom.bulk_cancel", request: { bulk_id: bulkId }, note }, result, () => null);
}

/** A bulk job's progress and a page of its results, for the dialog that polls it. */
export async function loadBulkJob(person: Person, orgId: string, bulkId: string, cursor?: string): Promise<BulkJobDetail | undefined> {
  const result = await apiFor(person)("getBulk", { params: { orgId, bulkId }, query: { cursor, limit: 50 } });
  return result.ok ? result.data : undefined;
}

export async function updateSettings(person: Person, orgId: string, body: Partial<OrgConfig>): Promise<ActionResult<OrgConfig>> {
  const refusal = checkAllowed(person, "org.configure", undefined);
  if (refusal) return refusal;
  const result = await apiFor(person)("updateConfig", { params: { orgId }, body });
  return finish(person, { orgId, chatroomId: null, action: "org.configure", request: { ...body } }, result, () => null);
}

type WebhookBody = RequestInput<"createWebhook">["body"];

export async function createWebhook(person: Person, orgId: string, body: WebhookBody): Promise<ActionResult<CreatedWebhook>> {
  const refusal = checkAllowed(person, "org.webhooks", undefined);
  if (refusal) return refusal;
  const result = await apiFor(person)("createWebhook", { params: { orgId }, body });
  return finish(person, { orgId, chatroomId: null, action: "webhook.create", request: { ...body } }, result, () => null);
}

/** Pauses (enabled false) or resumes a subscription; resuming also brings back one disabled for failing. */
export async function setWebhookEnabled(person: Person, orgId: string, webhookId: string, enabled: boolean): Promise<ActionResult<Webhook>> {
  const refusal = checkAllowed(person, "org.webhooks", undefined);
  if (refusal) return refusal;
  const result = await apiFor(person)("updateWebhook", { params: { orgId, webhookId }, body: { enabled } });
  return finish(person, { orgId, chatroomId: null, action: "webhook.update", request: { webhook_id: webhookId, enabled } }, result, () => null);
}

export async function deleteWebhook(person: Person, orgId: string, webhookId: string): Promise<ActionResult<Webhook>> {
  const refusal = checkAllowed(person, "org.webhooks", undefined);
  if (refusal) return refusal;
  const result = await apiFor(person)("deleteWebhook", { params: { orgId, webhookId } });
  return finish(person, { orgId, chatroomId: null, action: "webhook.delete", request: { webhook_id: webhookId } }, result, () => null);
}

export async function pingWebhook(person: Person, orgId: string, webhookId: string): Promise<ActionResult<Delivery>> {
  const refusal = checkAllowed(person, "org.webhooks", undefined);
  if (refusal) return refusal;
  const result = await apiFor(person)("pingWebhook", { params: { orgId, webhookId } });
  return finish(person, { orgId, chatroomId: null, action: "webhook.ping", request: { webhook_id: webhookId } }, result, () => null);
}

export async function redeliver(person: Person, orgId: string, webhookId: string, deliveryId: string): Promise<ActionResult<Delivery>> {
  const refusal = checkAllowed(person, "org.webhooks", undefined);
  if (refusal) return refusal;
  const result = await apiFor(person)("redeliver", { params: { orgId, webhookId, deliveryId } });
  return finish(person, { orgId, chatroomId: null, action: "webhook.redeliver", request: { webhook_id: webhookId, delivery_id: deliveryId } }, result, () => null);
}

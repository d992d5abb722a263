"use server";

import { notFound } from "next/navigation";
import type { z } from "zod";
import type { ActionResult } from "@/lib/dashboard/ui/action-result";
import type { BulkAnswer, BulkJob, ChatroomObject, CreatedWebhook, Delivery, OrgConfig, Webhook } from "@/lib/dashboard/api/schemas";
import { actionArguments } from "@/lib/dashboard/ui/action-arguments";
import { bulkRequestOf, fieldErrorsOf, formFieldOf } from "@/lib/dashboard/ui/forms";
import * as operations from "@/lib/dashboard/api/operations";
import { requireOrg, requirePerson } from "@/lib/dashboard/session/person";
import * as savedViews from "@/lib/dashboard/session/saved-views";
import type { SavedView } from "@/lib/dashboard/session/saved-views";

/**
 * The dashboard's server actions: a signed-in person (else the sign-in page), every argument the browser
 * sent parsed with one strict schema, the org one the person may see (else a 404, whatever was replayed),
 * then lib/dashboard/api/operations.
 */

type Failure = { ok: false; error: ReturnType<typeof operations.denied>["error"] };

function invalid(error: z.ZodError, inputIndex: number): Failure {
  // An id in the wrong shape is not a form mistake: the action acts on nothing, as for an org one may not see.
  if (error.issues.some((issue) => typeof issue.path[0] === "number" && issue.path[0] < inputIndex)) notFound();
  const issues = error.issues.map((issue) => ({ path: issue.path.slice(1).map(String).join("."), message: issue.message }));
  const fieldErrors = fieldErrorsOf({ issues: issues.map((issue) => ({ ...issue, path: issue.path.replace(/^body\./, "") })) }, formFieldOf);
  return operations.denied("Some of the details are not valid.", "Check the highlighted fields and try again.", 400, fieldErrors);
}

export async function createChatroomAction(orgId: string, input: unknown): Promise<ActionResult<ChatroomObject>> {
  await requirePerson();
  const args = actionArguments.createChatroom.safeParse([orgId, input]);
  if (!args.success) return invalid(args.error, 1);
  const [org, { body, note }] = args.data;
  const person = await requireOrg(org);
  return operations.createChatroom(person, org, body, note || undefined);
}

export async function reassignChatroomAction(orgId: string, chatroomId: string, input: unknown): Promise<ActionResult<ChatroomObject>> {
  await requirePerson();
  const args = actionArguments.reassignChatroom.safeParse([orgId, chatroomId, input]);
  if (!args.success) return invalid(args.error, 2);
  const [org, chatroom, { body, note }] = args.data;
  const person = await requireOrg(org);
  return operations.reassignChatroom(person, org, chatroom, body, note || undefined);
}

export async function deactivateChatroomAction(orgId: string, chatroomId: string, input: unknown): Promise<ActionResult<ChatroomObject>> {
  await requirePerson();
  const args = actionArguments.deactivateChatroom.safeParse([orgId, chatroomId, input]);
  if (!args.success) return invalid(args.error, 2);
  const [org, chatroom, { body, note }] = args.data;
  const person = await requireOrg(org);
  return operations.deactivateChatroom(person, org, chatroom, body.deactivation_reason, note || undefined);
}

export async function activateChatroomAction(orgId: string, chatroomId: string, input: unknown): Promise<ActionResult<ChatroomObject>> {
  await requirePerson();
  const args = actionArguments.activateChatroom.safeParse([orgId, chatroomId, input]);
  if (!args.success) return invalid(args.error, 2);
  const [org, chatroom, { force, note }] = args.data;
  const person = await requireOrg(org);
  return operations.activateChatroom(person, org, chatroom, force, note || undefined);
}

export async function startBulkAction(orgId: string, input: unknown): Promise<ActionResult<BulkAnswer>> {
  await requirePerson();
  const args = actionArguments.startBulk.safeParse([orgId, input]);
  if (!args.success) return invalid(args.error, 1);
  const [org, { body, note }] = args.data;
  const person = await requireOrg(org);
  return operations.startBulk(person, org, bulkRequestOf(body), note || undefined);
}

export async function cancelBulkAction(orgId: string, bulkId: string, input: unknown): Promise<ActionResult<BulkJob>> {
  await requirePerson();
  const args = actionArguments.cancelBulk.safeParse([orgId, bulkId, input]);
  if (!args.success) return invalid(args.error, 2);
  const [org, bulk, { note }] = args.data;
  const person = await requireOrg(org);
  return operations.cancelBulk(person, org, bulk, note || undefined);
}

export async function updateSettingsAction(orgId: string, input: unknown): Promise<ActionResult<OrgConfig>> {
  await requirePerson();
  const args = actionArguments.updateSettings.safeParse([orgId, input]);
  if (!args.success) return invalid(args.error, 1);
  const [org, settings] = args.data;
  const person = await requireOrg(org);
  return operations.updateSettings(person, org, settings);
}

export async function createWebhookAction(orgId: string, input: unknown): Promise<ActionResult<CreatedWebhook>> {
  await requirePerson();
  const args = actionArguments.createWebhook.safeParse([orgId, input]);
  if (!args.success) return invalid(args.error, 1);
  const [org, body] = args.data;
  const person = await requireOrg(org);
  return operations.createWebhook(person, org, body);
}

export async function setWebhookEnabledAction(orgId: string, webhookId: string, input: unknown): Promise<ActionResult<Webhook>> {
  await requirePerson();
  const args = actionArguments.updateWebhook.safeParse([orgId, webhookId, input]);
  if (!args.success) return invalid(args.error, 2);
  const [org, webhook, { enabled }] = args.data;
  const person = await requireOrg(org);
  return operations.setWebhookEnabled(person, org, webhook, enabled);
}

export async function deleteWebhookAction(orgId: string, webhookId: string): Promise<ActionResult<Webhook>> {
  await requirePerson();
  const args = actionArguments.webhook.safeParse([orgId, webhookId]);
  if (!args.success) return invalid(args.error, 2);
  const [org, webhook] = args.data;
  const person = await requireOrg(org);
  return operations.deleteWebhook(person, org, webhook);
}

export async function pingWebhookAction(orgId: string, webhookId: string): Promise<ActionResult<Delivery>> {
  await requirePerson();
  const args = actionArguments.webhook.safeParse([orgId, webhookId]);
  if (!args.success) return invalid(args.error, 2);
  const [org, webhook] = args.data;
  const person = await requireOrg(org);
  return operations.pingWebhook(person, org, webhook);
}

export async function redeliverAction(orgId: string, webhookId: string, deliveryId: string): Promise<ActionResult<Delivery>> {
  await requirePerson();
  const args = actionArguments.redeliver.safeParse([orgId, webhookId, deliveryId]);
  if (!args.success) return invalid(args.error, 3);
  const [org, webhook, delivery] = args.data;
  const person = await requireOrg(org);
  return operations.redeliver(person, org, webhook, delivery);
}

export async function saveViewAction(orgId: string, input: unknown): Promise<ActionResult<SavedView>> {
  await requirePerson();
  const args = actionArguments.saveView.safeParse([orgId, input]);
  if (!args.success) return invalid(args.error, 1);
  const [org, view] = args.data;
  const person = await requireOrg(org);
  return savedViews.saveView(person, org, view);
}

export async function renameViewAction(orgId: string, viewId: string, input: unknown): Promise<ActionResult<SavedView>> {
  await requirePerson();
  const args = actionArguments.renameView.safeParse([orgId, viewId, input]);
  if (!args.success) return invalid(args.error, 2);
  const [org, view, { name }] = args.data;
  const person = await requireOrg(org);
  return savedViews.renameView(person, org, view, name);
}

export async function deleteViewAction(orgId: string, viewId: string): Promise<ActionResult<{ id: string }>> {
  await requirePerson();
  const args = actionArguments.deleteView.safeParse([orgId, viewId]);
  if (!args.success) return invalid(args.error, 2);
  const [org, view] = args.data;
  const person = await requireOrg(org);
  return savedViews.deleteView(person, org, view);
}

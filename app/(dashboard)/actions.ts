"use server";

import { notFound } from "next/navigation";
import type { z } from "zod";
import type { ActionResult } from "@/lib/dashboard/ui/action-result";
import type { ChatroomObject, OrgConfig } from "@/lib/dashboard/api/schemas";
import { actionArguments } from "@/lib/dashboard/ui/action-arguments";
import { fieldErrorsOf, formFieldOf } from "@/lib/dashboard/ui/forms";
import * as operations from "@/lib/dashboard/api/operations";
import { requireOrg, requirePerson } from "@/lib/dashboard/session/person";

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

export async function updateSettingsAction(orgId: string, input: unknown): Promise<ActionResult<OrgConfig>> {
  await requirePerson();
  const args = actionArguments.updateSettings.safeParse([orgId, input]);
  if (!args.success) return invalid(args.error, 1);
  const [org, settings] = args.data;
  const person = await requireOrg(org);
  return operations.updateSettings(person, org, settings);
}

"use server";

import type { z } from "zod";
import type { ActionResult } from "@/lib/dashboard/ui/action-result";
import type { ChatroomObject, OrgConfig } from "@/lib/dashboard/api/schemas";
import {
  activateActionSchema,
  createChatroomActionSchema,
  deactivateActionSchema,
  fieldErrorsOf,
  formFieldOf,
  reassignActionSchema,
  settingsActionSchema,
} from "@/lib/dashboard/ui/forms";
import * as operations from "@/lib/dashboard/api/operations";
import { requireOrg } from "@/lib/dashboard/session/person";

/**
 * The dashboard's server actions: parse what the browser sent with the shared schemas, check the person
 * may see the org (else a 404, whatever was replayed), and hand over to lib/dashboard/operations.
 */

function invalid(error: z.ZodError): { ok: false; error: ReturnType<typeof operations.denied>["error"] } {
  const issues = error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
  const fieldErrors = fieldErrorsOf({ issues: issues.map((issue) => ({ ...issue, path: issue.path.replace(/^body\./, "") })) }, formFieldOf);
  return operations.denied("Some of the details are not valid.", "Check the highlighted fields and try again.", 400, fieldErrors);
}

export async function createChatroomAction(orgId: string, input: unknown): Promise<ActionResult<ChatroomObject>> {
  const person = await requireOrg(String(orgId));
  const parsed = createChatroomActionSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  return operations.createChatroom(person, orgId, parsed.data.body, parsed.data.note || undefined);
}

export async function reassignChatroomAction(orgId: string, chatroomId: string, input: unknown): Promise<ActionResult<ChatroomObject>> {
  const person = await requireOrg(String(orgId));
  const parsed = reassignActionSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  return operations.reassignChatroom(person, orgId, String(chatroomId), parsed.data.body, parsed.data.note || undefined);
}

export async function deactivateChatroomAction(orgId: string, chatroomId: string, input: unknown): Promise<ActionResult<ChatroomObject>> {
  const person = await requireOrg(String(orgId));
  const parsed = deactivateActionSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  return operations.deactivateChatroom(person, orgId, String(chatroomId), parsed.data.body.deactivation_reason, parsed.data.note || undefined);
}

export async function activateChatroomAction(orgId: string, chatroomId: string, input: unknown): Promise<ActionResult<ChatroomObject>> {
  const person = await requireOrg(String(orgId));
  const parsed = activateActionSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  return operations.activateChatroom(person, orgId, String(chatroomId), parsed.data.force, parsed.data.note || undefined);
}

export async function updateSettingsAction(orgId: string, input: unknown): Promise<ActionResult<OrgConfig>> {
  const person = await requireOrg(String(orgId));
  const parsed = settingsActionSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  return operations.updateSettings(person, orgId, parsed.data);
}

import { z } from "zod";
import {
  activateActionSchema,
  bulkActionSchema,
  cancelBulkActionSchema,
  createChatroomActionSchema,
  deactivateActionSchema,
  reassignActionSchema,
  renameViewActionSchema,
  saveViewActionSchema,
  settingsActionSchema,
  webhookActionSchema,
  webhookUpdateActionSchema,
} from "@/lib/dashboard/ui/forms";

/**
 * Every argument of every server action, as one strict tuple each: a browser can send anything in any
 * position (an id as `["org_acme"]`, extra fields), and nothing of it reaches an operation or the
 * dashboard's record unless it has exactly the expected shape.
 */
const id = z
  .string()
  .min(1)
  .max(128)
  .refine((value) => !value.includes("\u0000"), "must not contain a NUL character");

/** A saved view's id: the row's number, as text. */
const viewId = z.string().regex(/^[1-9][0-9]{0,17}$/, "must be a saved view's id");

export const actionArguments = {
  createChatroom: z.tuple([id, createChatroomActionSchema]),
  reassignChatroom: z.tuple([id, id, reassignActionSchema]),
  deactivateChatroom: z.tuple([id, id, deactivateActionSchema]),
  activateChatroom: z.tuple([id, id, activateActionSchema]),
  startBulk: z.tuple([id, bulkActionSchema]),
  cancelBulk: z.tuple([id, id, cancelBulkActionSchema]),
  updateSettings: z.tuple([id, settingsActionSchema]),
  createWebhook: z.tuple([id, webhookActionSchema]),
  updateWebhook: z.tuple([id, id, webhookUpdateActionSchema]),
  webhook: z.tuple([id, id]),
  redeliver: z.tuple([id, id, id]),
  saveView: z.tuple([id, saveViewActionSchema]),
  renameView: z.tuple([id, viewId, renameViewActionSchema]),
  deleteView: z.tuple([id, viewId]),
};

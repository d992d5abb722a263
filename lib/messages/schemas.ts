import { z } from "zod";
import { pageQuerySchema } from "@/lib/pagination";

/** Request and response schemas of the message endpoints. */

/** WhatsApp's limit for the body of a text message. */
const MAX_TEXT_LENGTH = 4096;

export const sendMessageBodySchema = z.object({
  text: z
    .string()
    .max(MAX_TEXT_LENGTH, `must be at most ${MAX_TEXT_LENGTH} characters`)
    .refine((text) => text.trim() !== "", "must not be blank"),
});

export const listMessagesQuerySchema = pageQuerySchema;

export const messageSchema = z.object({
  message_id: z.string(),
  /** Null for an inbound message that found no active chatroom (unrouted). */
  chatroom_id: z.string().nullable(),
  direction: z.enum(["inbound", "outbound"]),
  remote_phone_id: z.string(),
  phone_number: z.string(),
  /** WhatsApp's message type: text, image, audio, location, ... */
  type: z.string(),
  /** The text, or a media caption; null for a message without one. */
  text: z.string().nullable(),
  /** Meta's message id (wamid) of an inbound message; null for an outbound one. */
  whatsapp_message_id: z.string().nullable(),
  sender: z.object({ type: z.enum(["lead", "user", "partner", "console", "system"]), id: z.string().nullable() }),
  received_at: z.string().describe("when the server received the message, ISO-8601 UTC with milliseconds"),
});

export type MessageObject = z.infer<typeof messageSchema>;

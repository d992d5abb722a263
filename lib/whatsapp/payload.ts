import { z } from "zod";
import type { InboundMessage } from "@/lib/messages/inbound";
import { findUnstorable, unstorableMessage } from "@/lib/storable-json";

/**
 * A webhook delivery of the WhatsApp Cloud API: `entry[].changes[]`, each with a `value` that carries the
 * business phone (`metadata.phone_number_id`) and `messages[]` or `statuses[]`. Loose: Meta adds fields.
 */
export const whatsAppDeliverySchema = z.looseObject({
  object: z.string(),
  entry: z
    .array(
      z.looseObject({
        changes: z
          .array(
            z.looseObject({
              field: z.string().optional(),
              value: z.looseObject({
                metadata: z.looseObject({ phone_number_id: z.string().min(1) }).optional(),
                messages: z.array(z.unknown()).optional(),
              }),
            }),
          )
          .default([]),
      }),
    )
    .default([]),
});

export type WhatsAppDelivery = z.infer<typeof whatsAppDeliverySchema>;

/** The fields every message has, whatever its type. */
const messageEnvelopeSchema = z.looseObject({
  id: z.string().min(1).max(256),
  from: z.string().regex(/^\+?[0-9]{1,20}$/),
  type: z.string().min(1).max(64),
});

/** The message's text: the body of a text, the caption of a medium, the label of a reply button. */
function textOf(message: Record<string, unknown>, type: string): string | null {
  const at = (...path: string[]): string | null => {
    let current: unknown = message;
    for (const key of path) current = current && typeof current === "object" ? (current as Record<string, unknown>)[key] : undefined;
    return typeof current === "string" ? current : null;
  };
  switch (type) {
    case "text":
      return at("text", "body");
    case "image":
    case "video":
    case "document":
      return at(type, "caption");
    case "button":
      return at("button", "text");
    case "interactive":
      return at("interactive", "button_reply", "title") ?? at("interactive", "list_reply", "title");
    default:
      return null;
  }
}

/** A message of a delivery that cannot be stored, and why. */
export interface RejectedMessage {
  /** The business phone of its change, when that one is readable. */
  remotePhoneId: string | null;
  location: string;
  reason: string;
  entry: unknown;
}

export interface ParsedDelivery {
  messages: InboundMessage[];
  rejected: RejectedMessage[];
}

const storablePhoneId = (value: string | undefined) => (value !== undefined && findUnstorable(value) === undefined ? value : null);

/**
 * The messages of a delivery, in order, and those that cannot be stored: without the id, sender, type or
 * business phone needed to route them, or holding what PostgreSQL cannot store (a NUL, a lone surrogate,
 * nesting past the limit). Status updates (`statuses[]`) and other change fields are not messages and are
 * ignored. Non-text messages keep their type, and the whole entry is kept as `raw`.
 */
export function messagesOfDelivery(delivery: WhatsAppDelivery): ParsedDelivery {
  const parsed: ParsedDelivery = { messages: [], rejected: [] };
  delivery.entry.forEach((entry, entryIndex) => {
    entry.changes.forEach((change, changeIndex) => {
      if (change.field !== undefined && change.field !== "messages") return;
      const phoneId = change.value.metadata?.phone_number_id;
      (change.value.messages ?? []).forEach((candidate, messageIndex) => {
        const reject = (reason: string) =>
          parsed.rejected.push({
            remotePhoneId: storablePhoneId(phoneId),
            location: `entry.${entryIndex}.changes.${changeIndex}.value.messages.${messageIndex}`,
            reason,
            entry: candidate,
          });
        if (!phoneId) return reject("the change has no metadata.phone_number_id");
        const unstorable = findUnstorable(candidate) ?? findUnstorable(phoneId);
        if (unstorable) return reject(`${["message", ...unstorable.path].join(".")} ${unstorableMessage[unstorable.problem]}`);
        const envelope = messageEnvelopeSchema.safeParse(candidate);
        if (!envelope.success) return reject("the message has no valid id, from or type");
        const { id, from, type } = envelope.data;
        parsed.messages.push({
          remotePhoneId: phoneId,
          phoneNumber: from.startsWith("+") ? from : `+${from}`,
          whatsappMessageId: id,
          type,
          text: textOf(envelope.data, type),
          raw: candidate,
        });
      });
    });
  });
  return parsed;
}

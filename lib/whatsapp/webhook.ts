import { timingSafeEqual } from "node:crypto";
import type { Services } from "@/lib/services";
import { ApiError } from "@/lib/errors";
import { log } from "@/lib/log";
import { receiveInboundMessage } from "@/lib/messages/inbound";
import { messagesOfDelivery, whatsAppDeliverySchema } from "./payload";
import { isValidWhatsAppSignature } from "./signature";

/** Meta's webhook payloads can be up to 3 MB; a 413 would only make it retry the same delivery. */
export const WEBHOOK_MAX_BYTES = 3 * 1024 * 1024;

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The subscription handshake: the challenge to echo, or a 403 for anything but our verify token. */
export function verifySubscription(query: URLSearchParams, verifyToken: string | undefined): string {
  const challenge = query.get("hub.challenge");
  const token = query.get("hub.verify_token");
  if (query.get("hub.mode") !== "subscribe" || !verifyToken || token === null || challenge === null || !sameSecret(token, verifyToken)) {
    throw new ApiError("FORBIDDEN", {}, "The webhook verification failed: wrong hub.mode or hub.verify_token.");
  }
  return challenge;
}

/**
 * A signed delivery: every message in it stored (routed or unrouted, R23) in its own transaction, so that a
 * failure part-way leaves the stored ones stored and Meta's retry stores the rest once. Answers the number
 * of messages newly stored.
 */
export async function receiveWhatsAppDelivery(
  services: Services,
  params: { body: Buffer; signature: string | null; appSecret: string | undefined; requestId: string },
): Promise<{ received: number }> {
  if (!isValidWhatsAppSignature(params.body, params.signature, params.appSecret)) {
    throw new ApiError("UNAUTHORIZED", {}, "The X-Hub-Signature-256 header is missing or does not match the body.");
  }
  let json: unknown;
  try {
    json = JSON.parse(params.body.toString("utf8"));
  } catch {
    throw new ApiError("MALFORMED_JSON");
  }
  const delivery = whatsAppDeliverySchema.safeParse(json);
  if (!delivery.success) {
    const issues = delivery.error.issues.map((issue) => ({ path: ["body", ...issue.path.map(String)].join("."), message: issue.message }));
    throw new ApiError("VALIDATION_FAILED", { issues }, "The body is not a WhatsApp Cloud API delivery.");
  }
  const { messages, unreadable } = messagesOfDelivery(delivery.data);
  if (unreadable.length > 0) {
    // Only the count: the entries may hold what a lead wrote, which does not belong in logs.
    log("warn", "webhook messages without id, sender, type or phone id", { request_id: params.requestId, count: unreadable.length });
  }

  let received = 0;
  for (const message of messages) {
    const outcome = await receiveInboundMessage(services, { requestId: params.requestId, message });
    if (outcome.kind === "stored") received += 1;
    if (outcome.kind === "unknown_phone") {
      // No org owns this business phone, so there is nowhere to store the message: say so loudly.
      log("warn", "webhook message for an unknown WABA phone", {
        request_id: params.requestId,
        remote_phone_id: message.remotePhoneId,
        whatsapp_message_id: message.whatsappMessageId,
      });
    }
  }
  return { received };
}

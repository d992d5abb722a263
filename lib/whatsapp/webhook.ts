import { timingSafeEqual } from "node:crypto";
import type { Services } from "@/lib/services";
import { ApiError } from "@/lib/errors";
import { log } from "@/lib/log";
import { inArray } from "drizzle-orm";
import { wabaPhones, webhookRejections } from "@/lib/db/schema";
import { receiveInboundMessages } from "@/lib/messages/inbound";
import { messagesOfDelivery, whatsAppDeliverySchema, type RejectedMessage } from "./payload";
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

/** The entry of a rejected message as text: JSON escapes what jsonb refuses; a monster is cut short. */
function payloadText(entry: unknown): string | null {
  try {
    return JSON.stringify(entry).slice(0, 16_384);
  } catch {
    return null;
  }
}

/**
 * A signed delivery: every message that can be stored is stored (routed or unrouted, R23), in a few
 * statements per org whatever its size; one that cannot is kept as a recorded rejection; the answer is 200
 * with the number newly stored, since Meta retries anything else forever. Nothing a lead wrote, and not
 * their number, goes to the log.
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
  const { messages, rejected } = messagesOfDelivery(delivery.data);
  const outcome = await receiveInboundMessages(services, { requestId: params.requestId, messages });
  if (rejected.length > 0) {
    await recordRejections(services, params.requestId, rejected);
    log("warn", "webhook messages that cannot be stored, kept as rejections", {
      request_id: params.requestId,
      count: rejected.length,
      reasons: [...new Set(rejected.map((rejection) => rejection.reason))].slice(0, 5),
    });
  }
  if (outcome.unknownPhone.length > 0) {
    // No org owns this business phone, so there is nowhere to store the message: say so loudly.
    log("warn", "webhook messages for an unknown WABA phone", {
      request_id: params.requestId,
      count: outcome.unknownPhone.length,
      remote_phone_ids: [...new Set(outcome.unknownPhone.map((message) => message.remotePhoneId))].slice(0, 5),
    });
  }
  return { received: outcome.stored };
}

async function recordRejections(services: Services, requestId: string, rejected: RejectedMessage[]): Promise<void> {
  const phoneIds = [...new Set(rejected.flatMap((rejection) => (rejection.remotePhoneId ? [rejection.remotePhoneId] : [])))];
  const phones =
    phoneIds.length === 0
      ? []
      : await services.db
          .select({ remotePhoneId: wabaPhones.remotePhoneId, orgId: wabaPhones.orgId })
          .from(wabaPhones)
          .where(inArray(wabaPhones.remotePhoneId, phoneIds));
  const orgOf = new Map(phones.map((phone) => [phone.remotePhoneId, phone.orgId]));
  const receivedAt = services.clock.now();
  await services.db.insert(webhookRejections).values(
    rejected.map((rejection) => ({
      orgId: rejection.remotePhoneId ? (orgOf.get(rejection.remotePhoneId) ?? null) : null,
      remotePhoneId: rejection.remotePhoneId,
      location: rejection.location,
      reason: rejection.reason,
      payload: payloadText(rejection.entry),
      requestId,
      receivedAt,
    })),
  );
}

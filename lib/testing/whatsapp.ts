import { randomBytes } from "node:crypto";
import { env } from "@/lib/env";
import { signWhatsAppBody } from "@/lib/whatsapp/signature";
import type { ApiAnswer, TestApp } from "./app";

/** A fresh Meta-style message id. */
export function newWamid(): string {
  return `wamid.${randomBytes(16).toString("base64url")}`;
}

/** A text message from `phoneNumber` (E.164) as Meta sends it: `from` without the `+`. */
export function textMessage(phoneNumber: string, body: string, id = newWamid()) {
  return { from: phoneNumber.replace(/^\+/, ""), id, timestamp: "1795000000", type: "text", text: { body } };
}

/** A delivery of messages (or statuses) to one business phone, in the WhatsApp Cloud API format. */
export function delivery(value: { messages?: unknown[]; statuses?: unknown[] }, remotePhoneId = "ph_a1") {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: "waba_a1",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "15550000001", phone_number_id: remotePhoneId },
              ...value,
            },
          },
        ],
      },
    ],
  };
}

/** POSTs a delivery to the webhook, signed with the app secret unless a signature (or null: none) is given. */
export function deliver(app: TestApp, payload: unknown, options: { signature?: string | null; body?: string } = {}): Promise<ApiAnswer> {
  const body = options.body ?? JSON.stringify(payload);
  const signature = options.signature === undefined ? signWhatsAppBody(body, env().WHATSAPP_APP_SECRET!) : options.signature;
  return app.call("POST", "/webhooks/whatsapp", {
    token: null,
    rawBody: body,
    headers: { "content-type": "application/json", ...(signature === null ? {} : { "x-hub-signature-256": signature }) },
  });
}

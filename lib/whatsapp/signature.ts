import { createHmac, timingSafeEqual } from "node:crypto";

/** The `X-Hub-Signature-256` value Meta sends: `sha256=` and the hex HMAC-SHA256 of the raw body. */
export function signWhatsAppBody(body: Buffer | string, appSecret: string): string {
  return `sha256=${createHmac("sha256", appSecret).update(body).digest("hex")}`;
}

/** Checks the signature over the raw bytes in constant time; no secret configured means nothing is valid. */
export function isValidWhatsAppSignature(body: Buffer, header: string | null, appSecret: string | undefined): boolean {
  if (!appSecret || !header) return false;
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
  if (!match) return false;
  const expected = createHmac("sha256", appSecret).update(body).digest();
  return timingSafeEqual(Buffer.from(match[1]!, "hex"), expected);
}

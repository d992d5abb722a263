import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

interface Receipt {
  headers: http.IncomingHttpHeaders;
  body: string;
  /** What the receiver answered. */
  status: number;
}

export interface Receiver {
  url: string;
  receipts: Receipt[];
  close(): Promise<void>;
}

/**
 * A webhook receiver on loopback. `answer` decides each response from the receipt number (0-based):
 * a status, or "hang" to never answer; an optional Location makes a redirect.
 */
export async function startReceiver(
  answer: (index: number, body: string) => number | "hang" | { status: number; location: string } = () => 200,
): Promise<Receiver> {
  const receipts: Receipt[] = [];
  const hanging: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const decision = answer(receipts.length, body);
      if (decision === "hang") {
        receipts.push({ headers: req.headers, body, status: 0 });
        hanging.push(res);
        return;
      }
      const status = typeof decision === "number" ? decision : decision.status;
      receipts.push({ headers: req.headers, body, status });
      res.writeHead(status, typeof decision === "number" ? { "content-type": "text/plain" } : { location: decision.location });
      res.end(status < 300 ? "thanks" : `nope ${status}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    receipts,
    close: () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Verifies a delivery using only the documented scheme: `Switchboard-Signature: t=<unix seconds>,v1=<hex
 * HMAC-SHA256 of "<t>.<raw body>">`, refusing a timestamp more than 5 minutes from `now`.
 */
export function verifySignature(header: string | undefined, body: string, secret: string, now: Date): boolean {
  const parts = Object.fromEntries((header ?? "").split(",").map((part) => part.split("=") as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(now.getTime() / 1000 - t) > 300) return false;
  const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest();
  const given = Buffer.from(parts.v1, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

import { createHmac } from "node:crypto";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { isPrivateAddress, publicOnlyLookup, type TargetPolicy } from "./targets";

/** A 2xx within this long is a success; anything else is retried. */
const TIMEOUT_MS = 10_000;
const MAX_KEPT_BODY = 1024;

/**
 * The Stripe scheme: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, so that a receiver can
 * verify the body and refuse replays older than a few minutes.
 */
export function signatureHeader(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
  return `t=${t},v1=${v1}`;
}

export interface SendOutcome {
  ok: boolean;
  status: number | null;
  /** Until the answer's status line arrived, or until the attempt gave up. */
  latencyMs: number;
  body: string | null;
  error: string | null;
}

/** POSTs `body` to `url` once: no redirect followed (a 3xx is a failure), private targets refused unless allowed. */
export function postWebhook(url: string, body: string, headers: Record<string, string>, policy: TargetPolicy): Promise<SendOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const failed = (error: string): SendOutcome => ({ ok: false, status: null, latencyMs: elapsed(), body: null, error });
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve(failed("the URL is not valid"));
  }
  const host = target.hostname.replace(/^\[(.*)\]$/, "$1");
  if (!policy.allowPrivateTargets && net.isIP(host) && isPrivateAddress(host)) {
    return Promise.resolve(failed(`${host} is a loopback or private address, which webhooks may not reach`));
  }
  const client = target.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    const request = client.request(
      target,
      {
        method: "POST",
        headers: { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        signal: AbortSignal.timeout(TIMEOUT_MS),
        lookup: policy.allowPrivateTargets ? undefined : publicOnlyLookup,
        agent: false,
      },
      (response) => {
        const latencyMs = elapsed();
        const status = response.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let kept = 0;
        const finish = () => {
          response.destroy();
          const text = Buffer.concat(chunks).toString("utf8").slice(0, MAX_KEPT_BODY);
          resolve({ ok: status >= 200 && status < 300, status, latencyMs, body: text, error: null });
        };
        response.on("data", (chunk: Buffer) => {
          if (kept >= MAX_KEPT_BODY) return;
          chunks.push(chunk);
          kept += chunk.length;
          if (kept >= MAX_KEPT_BODY) finish();
        });
        response.on("end", finish);
        response.on("error", finish);
      },
    );
    request.on("error", (error: Error & { code?: string }) => {
      const reason =
        error.name === "TimeoutError" || error.name === "AbortError"
          ? `no answer within ${TIMEOUT_MS / 1000} s`
          : (error.code === "EPRIVATETARGET" ? error.message : `${error.code ?? "error"}: ${error.message}`);
      resolve(failed(reason));
    });
    request.end(body);
  });
}

import type { Services } from "@/lib/services";
import { answerRequest, type RouteHandler } from "./handler";
import { getServices } from "@/lib/app-services";

export interface WebhookInput {
  services: Services;
  request: Request;
  url: URL;
  requestId: string;
}

/**
 * The wrapper of webhook entry points, which a signature in the payload authenticates instead of an API
 * key (so no org, role, rate limit or idempotency): a request id, the error format, one log line.
 */
export function withWebhook(handler: (input: WebhookInput) => Promise<Response>): RouteHandler {
  return (request) =>
    answerRequest(request, async (requestId, url) => handler({ services: await getServices(), request, url, requestId }));
}

import type { Services } from "@/lib/services";
import { ApiError } from "@/lib/errors";
import { errorFields, log } from "@/lib/log";
import { errorResponse, internalError, type RouteHandler } from "./handler";
import { newRequestId } from "./request-id";
import { getServices } from "./services";

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
  return async (request) => {
    const requestId = newRequestId();
    const started = performance.now();
    const url = new URL(request.url);
    let response: Response;
    try {
      response = await handler({ services: await getServices(), request, url, requestId });
    } catch (error) {
      if (error instanceof ApiError) response = errorResponse(error);
      else {
        log("error", "unexpected error", { request_id: requestId, method: request.method, path: url.pathname, ...errorFields(error) });
        response = internalError(requestId);
      }
    }
    response.headers.set("x-request-id", requestId);
    log("info", "request", {
      request_id: requestId,
      method: request.method,
      path: url.pathname,
      status: response.status,
      duration_ms: Math.round((performance.now() - started) * 10) / 10,
    });
    return response;
  };
}

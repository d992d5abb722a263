import { z } from "zod";
import { ApiError } from "@/lib/errors";
import { apiRoute, errorResponse, unknownRoute, validationError, type RouteHandler } from "./handler";
import { testClock } from "@/lib/app-clock";

const testClockBodySchema = z.union([
  z.strictObject({ now: z.iso.datetime({ offset: true }) }),
  z.strictObject({ advance_ms: z.number().int() }),
]);

const answer = (now: Date) => Response.json({ now: now.toISOString() });

/** GET and PUT /__test__/clock: only when the server was started with TEST_CLOCK=1, else a 404. */
export function testClockRoute(): Record<string, RouteHandler> {
  const routes = apiRoute({
    GET: async () => answer(testClock()!.now()),
    PUT: async (request) => {
      const clock = testClock()!;
      let body: unknown;
      try {
        body = await request.json();
      } catch {
        return errorResponse(new ApiError("MALFORMED_JSON"));
      }
      const parsed = testClockBodySchema.safeParse(body);
      if (!parsed.success) return errorResponse(validationError(parsed.error, "body"));
      return answer("now" in parsed.data ? clock.set(new Date(parsed.data.now)) : clock.advance(parsed.data.advance_ms));
    },
  });
  const missing = unknownRoute();
  return Object.fromEntries(
    Object.entries(routes).map(([method, handler]) => [
      method,
      ((request, context) => (testClock() ? handler(request, context) : missing.GET(request, context))) as RouteHandler,
    ]),
  );
}

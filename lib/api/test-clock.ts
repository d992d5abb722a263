import { z } from "zod";
import { ADJUSTABLE_CLOCK_RANGE } from "@/lib/clock";
import { ApiError } from "@/lib/errors";
import { answerRequest, apiRoute, unknownRoute, validationError, type RouteHandler } from "./handler";
import { testClock } from "@/lib/app-clock";

const range = `${ADJUSTABLE_CLOCK_RANGE.min.toISOString()} to ${ADJUSTABLE_CLOCK_RANGE.max.toISOString()}`;

/** PUT /__test__/clock: move the clock (`now` or `advance_ms`), freeze or unfreeze it, or both at once. */
export const testClockBodySchema = z
  .strictObject({
    now: z.iso.datetime({ offset: true }).optional().describe(`Set the clock to this time (${range}).`),
    advance_ms: z.number().int().optional().describe(`Move the clock by this many milliseconds (back when negative), staying within ${range}.`),
    frozen: z
      .boolean()
      .optional()
      .describe("true: the clock holds its (new) value until moved or unfrozen. false: it ticks in real time from the value it holds (the default mode)."),
  })
  .refine((body) => body.now === undefined || body.advance_ms === undefined, { message: "give now or advance_ms, not both" })
  .refine((body) => Object.keys(body).length > 0, { message: "give now, advance_ms or frozen" });

export const testClockAnswerSchema = z.object({
  now: z.iso.datetime(),
  frozen: z.boolean().describe("Whether the clock holds its value (true) or ticks in real time (false)."),
});

const answer = (now: Date, frozen: boolean) => Response.json({ now: now.toISOString(), frozen });

/** GET and PUT /__test__/clock: only when the server was started with TEST_CLOCK=1, else a 404. */
export function testClockRoute(): Record<string, RouteHandler> {
  const routes = apiRoute({
    GET: (request) =>
      answerRequest(request, async () => {
        const clock = testClock()!;
        return answer(clock.now(), clock.frozen);
      }),
    PUT: (request) =>
      answerRequest(request, async () => {
        const clock = testClock()!;
        let body: unknown;
        try {
          body = await request.json();
        } catch {
          throw new ApiError("MALFORMED_JSON");
        }
        const parsed = testClockBodySchema.safeParse(body);
        if (!parsed.success) throw validationError(parsed.error, "body");
        const { now, advance_ms: advanceMs, frozen } = parsed.data;
        try {
          if (now !== undefined) clock.set(new Date(now));
          if (advanceMs !== undefined) clock.advance(advanceMs);
        } catch (error) {
          if (!(error instanceof RangeError)) throw error;
          // Refused before the clock moved: every later request still reads a valid time.
          const path = `body.${now !== undefined ? "now" : "advance_ms"}`;
          throw new ApiError("VALIDATION_FAILED", { issues: [{ path, message: error.message }] }, `${path}: ${error.message}`);
        }
        if (frozen !== undefined) clock.setFrozen(frozen);
        return answer(clock.now(), clock.frozen);
      }),
  });
  const missing = unknownRoute();
  return Object.fromEntries(
    Object.entries(routes).map(([method, handler]) => [
      method,
      ((request, context) => (testClock() ? handler(request, context) : missing.GET(request, context))) as RouteHandler,
    ]),
  );
}

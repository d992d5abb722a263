import "server-only";
import { AdjustableClock, isAdjustableClock, systemClock, type Clock } from "@/lib/clock";
import { env } from "@/lib/env";

const clockKey = Symbol.for("switchboard.clock");
type Holder = { [clockKey]?: Clock };

/** The app's clock: the adjustable test clock when TEST_CLOCK=1, else the system clock. */
export function appClock(): Clock {
  const holder = globalThis as Holder;
  holder[clockKey] ??= env().TEST_CLOCK ? new AdjustableClock() : systemClock;
  return holder[clockKey];
}

export function testClock(): AdjustableClock | undefined {
  const clock = appClock();
  return isAdjustableClock(clock) ? clock : undefined;
}

/** Makes the app read time from this clock (tests). */
export function setAppClock(clock: Clock): void {
  (globalThis as Holder)[clockKey] = clock;
}

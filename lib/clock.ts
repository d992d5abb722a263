/** The domain reads time only through a Clock, so tests and the test clock can move it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

const adjustableBrand = Symbol.for("switchboard.clock.adjustable");

export function isAdjustableClock(clock: Clock): clock is AdjustableClock {
  return (clock as { [adjustableBrand]?: boolean })[adjustableBrand] === true;
}

/**
 * A clock that can be set or advanced and keeps ticking in real time from the value set
 * (the test clock of docs/architecture.md, "Time, start-up and tests").
 */
export class AdjustableClock implements Clock {
  /**
   * A brand shared by every bundle of the server: instrumentation and route handlers load this module
   * separately, so `instanceof` fails for a clock made by the other bundle.
   */
  readonly [adjustableBrand] = true;
  private offsetMs = 0;

  constructor(private readonly base: Clock = systemClock) {}

  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }

  set(at: Date): Date {
    this.offsetMs = at.getTime() - this.base.now().getTime();
    return this.now();
  }

  advance(ms: number): Date {
    this.offsetMs += ms;
    return this.now();
  }
}

/** A clock that only moves when told: for unit tests. */
export class FixedClock implements Clock {
  constructor(private current: Date) {}

  now(): Date {
    return new Date(this.current.getTime());
  }

  set(at: Date): void {
    this.current = new Date(at.getTime());
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** The domain reads time only through a Clock, so tests and the test clock can move it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

const adjustableBrand = Symbol.for("switchboard.clock.adjustable");

export function isAdjustableClock(clock: Clock): clock is AdjustableClock {
  return (clock as { [adjustableBrand]?: boolean })[adjustableBrand] === true;
}

/** The span the test clock may be moved within, so that every time it gives (and every deadline of up to
 * 3 650 days after it) is one that JavaScript, ISO-8601 and PostgreSQL all represent. */
export const ADJUSTABLE_CLOCK_RANGE = {
  min: new Date("1970-01-01T00:00:00.000Z"),
  max: new Date("8999-12-31T23:59:59.999Z"),
} as const;

/**
 * A clock that can be set or advanced and keeps ticking in real time from the value set (the test clock of
 * docs/architecture.md, "Time, start-up and tests"), or, frozen, holds its value until it is moved or
 * unfrozen, so that a test can land on a deadline exactly. A move outside ADJUSTABLE_CLOCK_RANGE throws a
 * RangeError (a built-in, so that every bundle of the server recognises it) and changes nothing.
 */
export class AdjustableClock implements Clock {
  /**
   * A brand shared by every bundle of the server: instrumentation and route handlers load this module
   * separately, so `instanceof` fails for a clock made by the other bundle.
   */
  readonly [adjustableBrand] = true;
  private offsetMs = 0;
  private frozenAtMs: number | null = null;

  constructor(private readonly base: Clock = systemClock) {}

  now(): Date {
    return new Date(this.frozenAtMs ?? this.base.now().getTime() + this.offsetMs);
  }

  get frozen(): boolean {
    return this.frozenAtMs !== null;
  }

  /** Moves the clock to `at`; it stays frozen (at `at`) or ticking as it was. */
  set(at: Date): Date {
    return this.moveTo(at.getTime());
  }

  advance(ms: number): Date {
    return this.moveTo(this.now().getTime() + ms);
  }

  /** Frozen: holds the current value until moved or unfrozen. Unfrozen: ticks on from the value it holds. */
  setFrozen(frozen: boolean): Date {
    const current = this.now().getTime();
    if (frozen) this.frozenAtMs = current;
    else {
      this.frozenAtMs = null;
      this.offsetMs = current - this.base.now().getTime();
    }
    return this.now();
  }

  private moveTo(ms: number): Date {
    if (!(ms >= ADJUSTABLE_CLOCK_RANGE.min.getTime() && ms <= ADJUSTABLE_CLOCK_RANGE.max.getTime())) {
      const { min, max } = ADJUSTABLE_CLOCK_RANGE;
      throw new RangeError(`the clock must stay between ${min.toISOString()} and ${max.toISOString()}`);
    }
    if (this.frozenAtMs !== null) this.frozenAtMs = ms;
    else this.offsetMs = ms - this.base.now().getTime();
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

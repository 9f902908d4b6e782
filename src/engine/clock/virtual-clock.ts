import type { Clock } from './clock.js';
import type { CancelTimer, TimerService } from './timer-service.js';

interface Timer {
  due: number;
  every: number;
  fn: () => void;
  cancelled: boolean;
  order: number;
}

/**
 * A clock and timer service that move only when told to (@most/core's VirtualTimer): `advance`
 * runs every timer that comes due, in time order (ties in the order they were made), with `now()`
 * at each one's due time. For tests of time-dependent behaviour, and for simulated runs.
 */
export class VirtualClock implements Clock, TimerService {
  private time: number;
  private timers: Timer[] = [];
  private made = 0;

  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  every(ms: number, fn: () => void): CancelTimer {
    if (!(ms > 0)) throw new RangeError(`timer interval must be > 0, got ${ms}`);
    const t: Timer = { due: this.time + ms, every: ms, fn, cancelled: false, order: this.made++ };
    this.timers.push(t);
    return () => {
      t.cancelled = true;
    };
  }

  /** Moves time forward by `ms`, running the timers that come due on the way. */
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      this.timers = this.timers.filter((t) => !t.cancelled);
      let next: Timer | undefined;
      for (const t of this.timers) if (t.due <= until && (next === undefined || t.due < next.due || (t.due === next.due && t.order < next.order))) next = t;
      if (next === undefined) break;
      this.time = next.due;
      next.due += next.every;
      next.fn();
    }
    this.time = until;
  }

  /** Timers not cancelled. */
  get pending(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }
}

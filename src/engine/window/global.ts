import type { TimeWindow } from './window.js';
import type { CountAssigner, GlobalAssigner } from './assigner.js';

/**
 * The one window of `window global`, whole-input aggregation and count windows:
 * `[-Infinity, +Infinity)`. Frozen; compare with {@link isGlobalWindow}, not by identity of copies.
 * Not JSON-serialisable as is (Infinity): encode it as the window kind, not as numbers.
 */
export const GLOBAL_WINDOW: Readonly<TimeWindow> = Object.freeze({
  start: Number.NEGATIVE_INFINITY,
  end: Number.POSITIVE_INFINITY,
});

export function isGlobalWindow(w: TimeWindow): boolean {
  return w.start === Number.NEGATIVE_INFINITY && w.end === Number.POSITIVE_INFINITY;
}

const assignGlobal = (_ts: number, out: (start: number, end: number) => void): void =>
  out(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);

/** `window global` (Flink's `GlobalWindows`). */
export function globalWindows(): GlobalAssigner {
  return { kind: 'global', maxWindowsPerEvent: 1, assign: assignGlobal };
}

/** `window count N` (Flink's `countWindow(N)`): global window + purging count trigger. */
export function countWindows(size: number): CountAssigner {
  if (!Number.isInteger(size) || size < 1) {
    throw new RangeError(`count window size must be an integer >= 1, got ${size}`);
  }
  return {
    kind: 'count',
    size,
    maxWindowsPerEvent: 1,
    assign: assignGlobal,
    isFull: (count) => count >= size,
  };
}

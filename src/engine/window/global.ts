import type { TimeWindow } from './window.js';
import type { GlobalAssigner } from './assigner.js';

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

const assignGlobal = (_ts: number, out: (start: number, end: number) => void): void => out(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);

/** `window global` (Flink's `GlobalWindows`). */
export function globalWindows(): GlobalAssigner {
  return { kind: 'global', maxWindowsPerEvent: 1, assign: assignGlobal };
}

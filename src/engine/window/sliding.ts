import type { SlidingAssigner, WindowSink } from './assigner.js';
import { requirePositive, windowStart } from './window-start.js';

/**
 * Calls `out` for every sliding window holding `ts`, from the last start downwards
 * (Flink's `SlidingEventTimeWindows.assignWindows`).
 */
export function forEachSlidingWindow(ts: number, sizeMs: number, slideMs: number, out: WindowSink): void {
  const lowest = ts - sizeMs;
  for (let start = windowStart(ts, slideMs); start > lowest; start -= slideMs) {
    out(start, start + sizeMs);
  }
}

/** Epoch-aligned sliding windows of `sizeMs` every `slideMs` (Flink's `SlidingEventTimeWindows.of`). */
export function sliding(sizeMs: number, slideMs: number): SlidingAssigner {
  requirePositive('window size', sizeMs);
  requirePositive('window slide', slideMs);
  return {
    kind: 'sliding',
    sizeMs,
    slideMs,
    maxWindowsPerEvent: Math.ceil(sizeMs / slideMs),
    assign: (ts, out) => forEachSlidingWindow(ts, sizeMs, slideMs, out),
  };
}

import type { TumblingAssigner } from './assigner.js';
import { requirePositive, windowStart } from './window-start.js';

/** Epoch-aligned tumbling windows of `sizeMs` (Flink's `TumblingEventTimeWindows.of(size)`). */
export function tumbling(sizeMs: number): TumblingAssigner {
  requirePositive('window size', sizeMs);
  return {
    kind: 'tumbling',
    sizeMs,
    maxWindowsPerEvent: 1,
    startOf: (ts) => windowStart(ts, sizeMs),
    assign(ts, out) {
      const start = windowStart(ts, sizeMs);
      out(start, start + sizeMs);
    },
  };
}

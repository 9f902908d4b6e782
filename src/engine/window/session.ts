import type { SessionAssigner } from './assigner.js';
import { MergingWindowSet } from './merging-window-set.js';
import { requirePositive } from './window-start.js';

/**
 * Session windows with a fixed gap (Flink's `EventTimeSessionWindows.withGap`): each record gets
 * `[ts, ts + gap)`, merged per key by a {@link MergingWindowSet}. A session therefore ends at its
 * last record's time + gap. As in Flink, proto-windows that overlap *or touch* merge, so two
 * records exactly `gap` apart share a session.
 */
export function session(gapMs: number): SessionAssigner {
  requirePositive('session gap', gapMs);
  return {
    kind: 'session',
    gapMs,
    maxWindowsPerEvent: 1,
    assign: (ts, out) => out(ts, ts + gapMs),
    createMergingSet: () => new MergingWindowSet(),
  };
}

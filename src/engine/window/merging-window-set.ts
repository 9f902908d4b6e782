import type { TimeWindow } from './window.js';

/** What {@link MergingWindowSet.addWindow} did. */
export interface MergeResult {
  /** The session the added window now belongs to (the set's own object: do not mutate). */
  readonly result: TimeWindow;
  /**
   * Sessions that existed before the call and are now part of `result` (gone from the set), in
   * ascending order. The caller folds their accumulators into `result`'s (creating it if new) and
   * deletes them. Empty (and shared: do not mutate) when `result` was already in the set or is the
   * added window itself.
   */
  readonly mergedAway: readonly TimeWindow[];
}

const NONE: readonly TimeWindow[] = Object.freeze([]);

/**
 * One key's open session windows (Flink's `MergingWindowSet` + `TimeWindow.mergeWindows`).
 *
 * Invariant: the sessions are sorted by start, pairwise disjoint and not touching, so they are
 * sorted by end too and the complete ones form a prefix. As in Flink's `TimeWindow.intersects`
 * (`a.start <= b.end && b.start <= a.end`), windows that overlap *or touch* merge.
 *
 * A key usually has one or a few open sessions, so a sorted array (binary search, splice) beats
 * any tree; removing fired sessions drops a prefix.
 *
 * Lateness is the caller's rule, as in Flink's WindowOperator: add the proto-window, then if
 * `isComplete(result, watermark)` the record is late, `remove(result)` (it merged nothing that was
 * open, since an open session ends after the watermark).
 */
export class MergingWindowSet {
  private readonly sessions: TimeWindow[];

  /** `initial` (e.g. restored from a checkpoint) is normalised: sorted and merged. */
  constructor(initial: Iterable<TimeWindow> = []) {
    this.sessions = [];
    for (const w of initial) this.addWindow(w.start, w.end);
  }

  get size(): number {
    return this.sessions.length;
  }

  /** The open sessions in ascending order (a live view: copy before mutating the set while iterating). */
  windows(): readonly TimeWindow[] {
    return this.sessions;
  }

  /** The smallest session end, i.e. the next session to complete; +Infinity when empty. */
  earliestEnd(): number {
    return this.sessions.length === 0 ? Number.POSITIVE_INFINITY : this.sessions[0]!.end;
  }

  /** Adds the proto-window `[start, end)`, merging every session it overlaps or touches. */
  addWindow(start: number, end: number): MergeResult {
    const s = this.sessions;
    const i = this.firstEndingAtOrAfter(start);
    let j = i;
    while (j < s.length && s[j]!.start <= end) j++;
    if (j === i) {
      const w = { start, end };
      s.splice(i, 0, w);
      return { result: w, mergedAway: NONE };
    }
    const first = s[i]!;
    const last = s[j - 1]!;
    if (j - i === 1 && first.start <= start && end <= first.end) {
      return { result: first, mergedAway: NONE };
    }
    const merged = { start: Math.min(start, first.start), end: Math.max(end, last.end) };
    const mergedAway = s.splice(i, j - i, merged);
    return { result: merged, mergedAway };
  }

  /** Removes the session equal to `w` (same start and end); false when there is none. */
  remove(w: TimeWindow): boolean {
    const i = this.firstEndingAtOrAfter(w.end);
    const found = this.sessions[i];
    if (found === undefined || found.start !== w.start || found.end !== w.end) return false;
    this.sessions.splice(i, 1);
    return true;
  }

  /**
   * Removes every session complete at `watermark` (`end - 1 <= watermark`) and calls `fire` for
   * each, in ascending order. Returns how many were removed.
   */
  removeComplete(watermark: number, fire?: (w: TimeWindow) => void): number {
    const s = this.sessions;
    let n = 0;
    while (n < s.length && s[n]!.end - 1 <= watermark) n++;
    if (n === 0) return 0;
    const done = s.splice(0, n);
    if (fire) for (const w of done) fire(w);
    return n;
  }

  /** Index of the first session with `end >= t` (the first that could touch a window starting at t). */
  private firstEndingAtOrAfter(t: number): number {
    const s = this.sessions;
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (s[mid]!.end < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

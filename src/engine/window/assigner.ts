import type { MergingWindowSet } from './merging-window-set.js';

/**
 * Receives one assigned window `[start, end)`. Assigners call it instead of returning arrays so
 * that assigning a record allocates nothing.
 */
export type WindowSink = (start: number, end: number) => void;

/**
 * A window assigner (Flink's `WindowAssigner`): which windows a record with timestamp `ts`
 * belongs to. Time windows are epoch-aligned and half-open `[start, end)`; `ts` is event time or
 * processing time (epoch ms), whichever the job runs on.
 *
 * `assign` calls `out` once per window, synchronously, and never with the same window twice for
 * one call. `maxWindowsPerEvent` is an upper bound on those calls.
 */
interface AssignerBase {
  readonly maxWindowsPerEvent: number;
  assign(ts: number, out: WindowSink): void;
}

/** `window tumbling SIZE`: exactly one window per record. */
export interface TumblingAssigner extends AssignerBase {
  readonly kind: 'tumbling';
  readonly sizeMs: number;
  /** The start of the record's only window (its end is `start + sizeMs`): the allocation-free path. */
  startOf(ts: number): number;
}

/**
 * `window sliding SIZE every SLIDE`: every window `[s, s + size)` with `s` a multiple of the slide
 * and `s <= ts < s + size`, in descending order of start (as Flink does). That is `size / slide`
 * windows when the size is a multiple of the slide; otherwise `floor` or `ceil` of it, depending
 * on ts; zero when the slide is larger than the size and ts falls in a gap.
 */
export interface SlidingAssigner extends AssignerBase {
  readonly kind: 'sliding';
  readonly sizeMs: number;
  readonly slideMs: number;
}

/**
 * `window session GAP`: each record gets the proto-window `[ts, ts + gap)`; the caller folds it
 * into the key's {@link MergingWindowSet}, which merges it with the sessions it touches.
 */
export interface SessionAssigner extends AssignerBase {
  readonly kind: 'session';
  readonly gapMs: number;
  /** A new, empty set of open sessions for one key. */
  createMergingSet(): MergingWindowSet;
}

/**
 * `window global` (and whole-input aggregation): one window over everything, represented as
 * {@link GLOBAL_WINDOW} `[-Infinity, +Infinity)`. Its max timestamp is +Infinity, so
 * `isComplete(GLOBAL_WINDOW, wm)` holds only for the end-of-input watermark (+Infinity).
 * Outputs of the global window carry no `window_start` / `window_end` (SPEC §4); the caller
 * recognises it with `isGlobalWindow`.
 */
export interface GlobalAssigner extends AssignerBase {
  readonly kind: 'global';
}

/**
 * `window count N` (Flink's `countWindow(N)`: a global window with a purging count trigger):
 * the caller keeps, per key, the number of records in the key's current window; a window is
 * complete, fires and is purged when `isFull(count)`. Records are assigned to
 * {@link GLOBAL_WINDOW}; at end of input a partly filled window fires too (like any open window).
 */
export interface CountAssigner extends AssignerBase {
  readonly kind: 'count';
  readonly size: number;
  /** True when a window holding `count` records is full and must fire. */
  isFull(count: number): boolean;
}

export type WindowAssigner =
  | TumblingAssigner
  | SlidingAssigner
  | SessionAssigner
  | GlobalAssigner
  | CountAssigner;

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
 * The assigners of windows that do not depend on the key. Session windows (per key, merging) and
 * count windows (per key, by count) are kept by their own stores.
 */
export type WindowAssigner = TumblingAssigner | SlidingAssigner | GlobalAssigner;

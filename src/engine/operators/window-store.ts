import type { TimeWindow } from '../window/window.js';
import type { Value } from '../../common/record.js';

/** Called for each (window, key) that fires or is peeked at; `window` is null for global and count windows. */
export type EmitFn = (window: TimeWindow | null, keyVals: Value[], accs: unknown[]) => void;

/** A (window, key) entry with encoded accumulators, as it crosses threads. */
export interface PartialEntry {
  start: number;
  end: number;
  key: string;
  /** The `by` values, or null: read them from `key` (keyValsOf). */
  keyVals: Value[] | null;
  accs: unknown[];
}

/** One key's accumulators in one window. */
export interface KeyEntry {
  keyVals: Value[];
  accs: unknown[];
}

/**
 * Keyed window state of one aggregate step: which (window, key) pairs are open and their
 * accumulators. One implementation per window kind. The same class serves as a worker's local
 * pre-aggregation buffer and as the global state that fires (Flink's local-global aggregation).
 */
export interface WindowStore {
  /**
   * Adds one record's aggregate arguments to each window of `ts` that is not complete at
   * `lateWatermark` (nor at the watermark this store already fired at). Returns false when
   * every window of the record was complete: the record is late and was not added.
   * `keyVals` and `args` are scratch arrays of the caller, valid during the call only: a store
   * that keeps `keyVals` copies it. `keyVals` null: read them from `key` (keyValsOf) if needed.
   */
  add(ts: number, lateWatermark: number, key: string, keyVals: Value[] | null, args: Value[]): boolean;
  /**
   * Emits and frees every window complete at `watermark`, in window-end order; in result order
   * (compareResults) when the store is `ordered`.
   */
  fire(watermark: number, emit: EmitFn): void;
  /** `fire`, pausing (yielding) now and then: how a large firing is handed on in parts. */
  firing(watermark: number, emit: EmitFn): Iterator<void>;
  /** Results come out of `fire`, `firing` and `peek` in result order: nothing to sort. */
  readonly ordered: boolean;
  /** Emits the running results of every open window without freeing anything (`emit every`). */
  peek(emit: EmitFn): void;
  /**
   * Hands every open (window, key) entry to `visit` with encoded accumulators and empties the
   * store: how a worker ships its pre-aggregates for a chunk to the key's owner.
   */
  drain(visit: (e: PartialEntry) => void): void;
  /**
   * Folds a drained entry in; `e` holds input that came after what this store already holds
   * for that window and key (first/last rely on it).
   */
  merge(e: PartialEntry): void;
  /** Hands every open entry to `visit` like `drain`, but keeps them: a checkpoint's snapshot. */
  snapshot(visit: (e: PartialEntry) => void): void;
  /**
   * Restores a snapshot: call `restore` for every entry, then `restoreFired` with the watermark
   * the job had fired at, so that events behind it stay late after a restart.
   */
  restore(e: PartialEntry): void;
  restoreFired(watermark: number): void;
  /** Number of open (window, key) entries: memory grows with this, not with input size. */
  readonly size: number;
}

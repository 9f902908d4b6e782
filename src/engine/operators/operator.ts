import type { Rec } from '../../common/record.js';
import type { ResultChange } from '../contracts/result.js';

/** Which clock a timer follows. */
export type TimeDomain = 'event' | 'processing';

/** An entry of keyed state: the key group of `key` (see keyGroupOf) decides where it is kept. */
export interface StateEntry {
  key: string;
  value: unknown;
}

/** Operator state in a checkpoint: the entry, the index of its step in the plan, and whether it is a timer. */
export interface OperatorEntry extends StateEntry {
  op: number;
  timer?: true;
}

/** Where an operator sends what it produces: the next operator, or the job's output. */
export interface Collector {
  /** A record with its time (for a window's result, the window's last millisecond). */
  collect(rec: Rec, ts: number, change?: ResultChange): void;
}

/** Timers per key (Flink's TimerService): due event-time timers fire as the watermark passes them. */
export interface KeyedTimerService {
  register(key: string, time: number, domain: TimeDomain): void;
  delete(key: string, time: number, domain: TimeDomain): void;
}

/** What the runtime gives an operator when it builds one. */
export interface OperatorContext {
  readonly out: Collector;
  readonly timers: KeyedTimerService;
  /** Tells the job that no more input is wanted (a satisfied `limit`). */
  stop(): void;
}

/**
 * A step that may keep state (Arroyo's operator, Flink's KeyedProcessFunction). For one instance
 * the runtime calls: `restore` at most once, before any record; then `process`, `onWatermark` and
 * `onTimer` from one thread, never concurrently, with watermarks that never go back; `snapshot` at
 * a checkpoint, between those calls (it must not change the state); `finish` once, at the end of a
 * bounded input, after the watermark went to +∞. Nothing is called after `finish`.
 *
 * Keyed state is handed out and back as entries whose key decides their key group, so any
 * operator is checkpointed and rescaled (restored at another parallelism) the same way.
 */
export interface Operator {
  /** One record with its time; `change`: the result it is a version of, when it is one (else absent). */
  process(rec: Rec, ts: number, change?: ResultChange): void;
  /** The watermark moved to `watermark`; event-time timers up to it have fired (in time order). */
  onWatermark(watermark: number): void;
  onTimer(key: string, time: number, domain: TimeDomain): void;
  snapshot(visit: (entry: StateEntry) => void): void;
  restore(entries: Iterable<StateEntry>): void;
  finish(): void;
}

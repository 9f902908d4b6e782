import { systemClock, type Clock } from '../clock/clock.js';
import type { WatermarkInput } from './watermark-input.js';

export interface BoundedOutOfOrdernessOptions {
  /** An input that sends nothing for this long (processing time) is idle; absent = never idle. */
  idleMs?: number;
  /** Processing-time clock; default {@link systemClock}. */
  clock?: Clock;
}

/**
 * The watermark of one input (Flink's `BoundedOutOfOrdernessWatermarks` +
 * `WatermarksWithIdleness`, plus an idle input's progress on the clock):
 *
 * - `current()` is the largest event time seen − `lagMs` − 1 ms (−Infinity before the first
 *   event), so a window `[s, e)` is complete once an event at `e + lagMs` or later was seen. It
 *   never goes backwards and depends only on the events seen: a record of the input is late when
 *   its windows are complete at the input's watermark just before it (or at what the job fired).
 * - Idleness: the input is idle when neither `observe` nor `touch` was called for `idleMs` of
 *   processing time (counted from construction, so an input that never sends anything becomes
 *   idle too). It stops being idle at the next record (or `touch`).
 * - While idle, the input is taken to be caught up with the present: `idleWatermark()` is
 *   `current()` + the processing time since its last activity (`maxTs − lag − 1 + (now −
 *   lastActivity)`), so its event time is assumed to have moved on with the wall clock since it
 *   went quiet. It grows with the clock while the input stays idle; it is −Infinity for an input
 *   that has seen no event (nothing to move on from). Once the input sends again, `current()`
 *   alone counts again: the multiplexer keeps the job watermark from going back, and records
 *   behind what was fired meanwhile are late.
 */
export class BoundedOutOfOrdernessWatermark implements WatermarkInput {
  private maxTs = Number.NEGATIVE_INFINITY;
  private lastActivity: number;
  private finished = false;
  private released = false;
  private readonly idleMs: number;
  private readonly clock: Clock;

  constructor(
    readonly lagMs: number,
    options: BoundedOutOfOrdernessOptions = {},
  ) {
    if (!(lagMs >= 0)) throw new RangeError(`lag must be >= 0, got ${lagMs}`);
    const idleMs = options.idleMs ?? Number.POSITIVE_INFINITY;
    if (!(idleMs > 0)) throw new RangeError(`idle timeout must be > 0, got ${idleMs}`);
    this.idleMs = idleMs;
    this.clock = options.clock ?? systemClock;
    this.lastActivity = this.clock.now();
  }

  /** Called for every record with a valid event time (also marks the input active). */
  observe(ts: number): void {
    if (ts > this.maxTs) this.maxTs = ts;
    this.lastActivity = this.clock.now();
  }

  /**
   * Called per block of records instead of `observe` per record: `maxTs` is the block's largest
   * event time (−Infinity when it had none); the block counts as activity.
   */
  observeBlock(maxTs: number): void {
    this.observe(maxTs);
  }

  /** Marks activity without an event time (e.g. a record that could not be timed). */
  touch(): void {
    this.lastActivity = this.clock.now();
  }

  /** The input ended (bounded input): its watermark is +Infinity from now on. */
  finish(): void {
    this.finished = true;
  }

  /**
   * The input ended, but event time does not end with it (a file rotated away, at the end of a
   * run that keeps its windows open): it stops holding the watermark back, as an idle input does,
   * and never moves it on by itself.
   */
  release(): void {
    this.released = true;
  }

  current(): number {
    if (this.finished) return Number.POSITIVE_INFINITY;
    return this.maxTs - this.lagMs - 1;
  }

  isIdle(): boolean {
    return !this.finished && (this.released || this.clock.now() - this.lastActivity >= this.idleMs);
  }

  /** See the class comment: `current()` moved on by the processing time since the last activity. */
  idleWatermark(): number {
    if (this.finished) return Number.POSITIVE_INFINITY;
    const quiet = this.clock.now() - this.lastActivity;
    return this.maxTs - this.lagMs - 1 + Math.max(quiet, 0);
  }

  isFinished(): boolean {
    return this.finished;
  }

  /** The largest event time seen (−Infinity if none): all the state a checkpoint needs. */
  snapshot(): number {
    return this.maxTs;
  }

  /**
   * Restores `snapshot()`'s value; the input counts as active from now (so, idle later, it moves
   * on from now: the time the job was down is not taken as progress).
   */
  restore(maxTs: number): void {
    this.maxTs = maxTs;
    this.finished = false;
    this.released = false;
    this.lastActivity = this.clock.now();
  }
}

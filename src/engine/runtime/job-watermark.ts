import type { Plan } from '../../plan/types.js';
import type { Clock } from '../clock/clock.js';
import { recordedWatermark } from './recorded-watermark.js';
import type { SplitTable } from './split-table.js';

/**
 * The job watermark and what holds it: event time from the splits (see WatermarkMultiplexer: the
 * minimum over the active splits' watermarks, or, when every split is idle, their watermarks
 * moved on with processing time), or processing time; never past a chunk still in the executor.
 * Also what was fired: the highest watermark the executor was told to fire at, and the highest
 * before +∞ (a checkpoint records it, and a restored job fires nothing behind it again).
 *
 * With idleness the job watermark may pass a split's own (an idle split is left out, or taken as
 * caught up with the present), so an idle split's records may arrive behind it. A worker decides
 * their lateness with the watermark fired when their chunk was read (its floor) and the split's
 * own watermark; firing past both while the chunk is in flight would drop its records at the
 * owners unseen, so each chunk in flight holds the watermark at that value: its records are then
 * either counted in their windows or late (counted, reported, written to `--late`), never lost.
 * Without idleness the job watermark never passes a split's own, so nothing is held.
 *
 * Until the source has added the splits there are at its start (all of a bounded source's),
 * event time does not move. A split resumed from a checkpoint comes with its watermark, so the minimum over
 * the splits added so far could pass the watermark of one still to come, whose records would
 * then find their windows fired.
 */
export class JobWatermark {
  private readonly eventTime: boolean;
  private readonly holdsForIdle: boolean;
  /** The source is still adding the splits there are at its start. */
  private adding: boolean;
  /** Chunks submitted and not yet released: their read time and hold. */
  private readonly inFlight = new Map<string, { readAtMs: number; hold: number }>();
  /** The highest watermark fired at, and the highest of those before +∞. */
  firedAt = -Infinity;
  /** A watermark given from outside (`fstream test`'s `advance_watermark`): the job's is never below it. */
  private external = -Infinity;
  private firedFinite = -Infinity;

  constructor(
    plan: Plan,
    private readonly splits: SplitTable,
    private readonly clock: Clock,
    keyed: boolean,
  ) {
    this.eventTime = plan.time.kind === 'event';
    this.holdsForIdle = plan.time.kind === 'event' && plan.time.idleMs !== undefined && keyed;
    this.adding = true;
  }

  /** The source said it has added all its splits, or (unbounded) those there are at its start. */
  allAdded(): void {
    this.adding = false;
  }

  /** A chunk of split `slot` went to the executor. */
  submitted(slot: number, seq: number, readAtMs: number, splitWatermark: number): void {
    const hold = this.holdsForIdle ? Math.max(this.firedAt, splitWatermark) : Infinity;
    this.inFlight.set(`${slot}:${seq}`, { readAtMs, hold });
  }

  released(slot: number, seq: number): void {
    this.inFlight.delete(`${slot}:${seq}`);
  }

  /** Moves the event-time watermark to at least `watermark`, whatever the inputs say. */
  raiseTo(watermark: number): void {
    if (watermark > this.external) this.external = watermark;
  }

  /** The job watermark now. */
  current(): number {
    if (this.eventTime) {
      if (this.adding) return Math.max(this.splits.multiplexer.current(), this.external);
      let wm = this.splits.multiplexer.update();
      if (this.holdsForIdle) for (const c of this.inFlight.values()) if (c.hold < wm) wm = c.hold;
      return Math.max(wm, this.external);
    }
    let min = this.clock.now();
    for (const c of this.inFlight.values()) if (c.readAtMs < min) min = c.readAtMs;
    return min - 1;
  }

  /** The executor was told to fire at `watermark`. */
  fired(watermark: number): void {
    if (watermark > this.firedAt) this.firedAt = watermark;
    if (watermark < Infinity && watermark > this.firedFinite) this.firedFinite = watermark;
  }

  /** A restored job had fired at `watermark`. */
  restore(watermark: number): void {
    if (watermark > -Infinity) this.splits.multiplexer.restore(watermark);
    this.splits.restoreWatermark(watermark);
    this.fired(watermark);
  }

  /** What a checkpoint records as fired (see recordedWatermark). */
  recorded(maxFiredEnd: number): number {
    return recordedWatermark(this.firedAt, this.firedFinite, maxFiredEnd);
  }
}

import type { Plan } from '../../plan/types.js';
import type { Clock } from '../clock/clock.js';
import type { SavedSplitState } from '../checkpoint/positions.js';
import type { DeadLetter } from '../contracts/dead-letter.js';
import type { Decoding } from '../contracts/decoding.js';
import type { LineChunk } from '../contracts/line-chunk.js';
import type { SourceSplit } from '../contracts/source.js';
import type { ChunkProgress } from './executor.js';
import { BoundedOutOfOrdernessWatermark } from '../watermark/bounded-out-of-orderness.js';
import { WatermarkMultiplexer } from '../watermark/multiplexer.js';

/**
 * Everything the job keeps about one split, in one object (checkpointed by the split's id):
 * how far it has been handed on, its header row, its event-time watermark, and how many of its
 * chunks are in the executor.
 */
export interface SplitState {
  /** The split's number in this run: the index of its arrays on the hot path and on the wire. */
  readonly slot: number;
  readonly split: SourceSplit;
  /** Position after the last chunk released (handed on): where a restart resumes. */
  offset: number;
  line: number;
  /** csv/tsv: the header row, once read, and its line (0 when it came from a checkpoint). */
  header: string | undefined;
  headerLine: number;
  /** Largest event time of the released chunks (−∞ before any). */
  maxTs: number;
  readonly watermark: BoundedOutOfOrdernessWatermark;
  /** Chunks given to the executor, and released by it (in order). */
  submitted: number;
  released: number;
  /** The reader reached the split's end. */
  readEnded: boolean;
  /** Every chunk up to the end was released (what that does to its watermark: SplitTable.settle). */
  ended: boolean;
  /** Damage that ended the split early, reported once its chunks before it are released. */
  damage: DeadLetter | undefined;
}

/**
 * The splits of a job by id, as they are added (Flink's per-split state in the source reader),
 * with the job watermark over them (the minimum over their watermarks, Flink's multiplexer).
 * With `drain` off (a run that keeps its windows open at the end of its input), a split read to
 * its end does not end event time: a later run may find it grown.
 *
 * An unbounded source's input does not end with its splits (objects of a followed bucket prefix
 * end one after another, followed files may all be rotated away), nor does the input of a run
 * that keeps its windows open for the next (`drain` off). Its splits' watermarks are joined
 * by the source's own (`tail`), which sees every event of every split: it never holds the others
 * back (it is at least each of theirs), but once every split has ended it keeps the watermark at
 * the largest event time seen − lag, as a quiet input would, instead of letting it run to +∞; with
 * `--idle` it goes idle with the input, and the watermark follows the clock.
 *
 * A split that ended and that the source forgets (`forgetWhenEnded`) is dropped from the table:
 * a job that reads objects one after another for months keeps only those it is reading.
 */
export class SplitTable {
  private readonly ids = new Map<string, SplitState>();
  private readonly bySlot: (SplitState | undefined)[] = [];
  readonly multiplexer = new WatermarkMultiplexer();
  private readonly lagMs: number;
  private readonly idleMs: number | undefined;
  private readonly tail: BoundedOutOfOrdernessWatermark | null = null;

  constructor(
    plan: Plan,
    private readonly clock: Clock,
    private readonly drain = true,
    unbounded = false,
  ) {
    this.lagMs = plan.time.kind === 'event' ? plan.time.lagMs : 0;
    this.idleMs = plan.time.kind === 'event' ? plan.time.idleMs : undefined;
    if (unbounded || !drain) {
      this.tail = this.newWatermark();
      this.multiplexer.addInput(this.tail);
    }
  }

  private newWatermark(): BoundedOutOfOrdernessWatermark {
    return new BoundedOutOfOrdernessWatermark(this.lagMs, { clock: this.clock, ...(this.idleMs ? { idleMs: this.idleMs } : {}) });
  }

  /**
   * A restored job's watermark: the source's own watermark goes on from it (it is not in the
   * checkpoint; the splits that moved it may have been forgotten), so with `--idle` a quiet input
   * moves on with the clock after a restart as it would have without one.
   */
  restoreWatermark(watermark: number): void {
    if (this.tail !== null && Number.isFinite(watermark)) this.tail.observeBlock(watermark + this.lagMs + 1);
  }

  /** Adds a split, resuming `saved` when given (position, header, largest event time). */
  add(split: SourceSplit, saved: SavedSplitState | null): SplitState {
    if (this.ids.has(split.id)) throw new Error(`split ${split.id} was added twice`);
    const watermark = this.newWatermark();
    const maxTs = saved?.maxTs ?? -Infinity;
    if (maxTs > -Infinity) watermark.observeBlock(maxTs);
    const state: SplitState = {
      slot: this.bySlot.length,
      split,
      offset: saved?.offset ?? 0,
      line: saved?.line ?? 1,
      header: saved?.header,
      headerLine: 0,
      maxTs,
      watermark,
      submitted: 0,
      released: 0,
      readEnded: false,
      ended: false,
      damage: undefined,
    };
    this.ids.set(split.id, state);
    this.bySlot.push(state);
    this.multiplexer.addInput(watermark);
    return state;
  }

  byId(id: string): SplitState {
    const s = this.ids.get(id);
    if (s === undefined) throw new Error(`no split ${id}`);
    return s;
  }

  /** The splits in the table (without those ended and dropped), in the order they were added. */
  [Symbol.iterator](): IterableIterator<SplitState> {
    return this.ids.values();
  }

  /**
   * The header row a chunk of `state` needs (csv/tsv): known once a chunk held it, and given only
   * to chunks after it (one holding it reads it like any decoder).
   */
  headerFor(state: SplitState, chunk: LineChunk, find: Decoding['headerRow']): string | undefined {
    if (find && state.header === undefined) {
      const row = find(chunk.data, chunk.firstLine);
      if (row !== undefined) {
        state.header = row.text;
        state.headerLine = row.line;
      }
    }
    return chunk.firstLine > state.headerLine ? state.header : undefined;
  }

  /** A chunk was released: the split's position, largest event time and watermark move on. */
  /** The state of a split being read (not yet finished and forgotten). */
  stateOf(slot: number): SplitState {
    return this.bySlot[slot]!;
  }

  released(p: ChunkProgress): SplitState {
    const state = this.bySlot[p.slot]!;
    state.released++;
    state.offset = p.endOffset;
    state.line = p.endLine;
    if (p.maxTs > state.maxTs) state.maxTs = p.maxTs;
    if (p.maxTs > -Infinity) state.watermark.observeBlock(p.maxTs);
    else state.watermark.touch();
    if (this.tail !== null) {
      if (p.maxTs > -Infinity) this.tail.observeBlock(p.maxTs);
      else this.tail.touch();
    }
    return state;
  }

  /**
   * Once every chunk of a split read so far is released: its damage, if any, is due (returned,
   * once); and a split read to its end is finished: its watermark goes to +∞. Without `drain`,
   * the split may grow before the next run: its watermark holds at its last event, as in a run
   * that went on reading it; one rotated away will not grow, and stops holding the job watermark
   * (without moving it on); one that never grows (`complete`) finishes (the source's own
   * watermark then holds the job's).
   */
  settle(state: SplitState): SplitState['damage'] {
    if (state.released !== state.submitted) return undefined;
    const damage = state.damage;
    state.damage = undefined;
    if (state.readEnded && !state.ended) {
      state.ended = true;
      if (this.drain || state.split.complete === true) state.watermark.finish();
      else if (state.split.rotated === true) state.watermark.release();
      if (state.split.forgetWhenEnded === true) {
        this.ids.delete(state.split.id);
        this.bySlot[state.slot] = undefined;
        // Lets the multiplexer drop the finished watermark now (on processing time it is not asked).
        this.multiplexer.update();
      }
    }
    return damage;
  }

  /** The splits' state for a checkpoint (without the ended splits the source forgets). */
  snapshot(): SavedSplitState[] {
    return [...this.ids.values()]
      .filter((s) => !(s.ended && s.split.forgetWhenEnded === true))
      .map((s) => {
        const saved: SavedSplitState = {
          id: s.split.id,
          name: s.split.name,
          identity: s.split.identity,
          offset: s.offset,
          line: s.line,
          ended: s.ended,
          maxTs: s.maxTs,
        };
        // The header row goes with the position once the position is past it.
        if (s.header !== undefined && s.line > s.headerLine) saved.header = s.header;
        return saved;
      });
  }
}

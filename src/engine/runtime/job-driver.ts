import { planShape } from '../../plan/plan-fingerprint.js';
import type { Plan } from '../../plan/types.js';
import { CHECKPOINT_META_VERSION, type CheckpointMeta, type SavedSplitState } from '../checkpoint/positions.js';
import type { Checkpointer } from '../checkpoint/checkpointer.js';
import { systemClock, type Clock } from '../clock/clock.js';
import { systemTimers, type TimerService } from '../clock/timer-service.js';
import type { Decoding } from '../contracts/decoding.js';
import type { Source } from '../contracts/source.js';
import { layoutOf, type PipelineLayout } from '../operators/pipeline-layout.js';
import { ChunkBuffers } from './chunk-buffers.js';
import { damageLetter } from './damage-letter.js';
import type { ChunkProgress, Executor, ExecutorEvents } from './executor.js';
import { JobOutput, type JobSummary, type OutputConfig } from './job-output.js';
import type { OperatorEntry } from './output-pipeline.js';
import { scheduleReads, type InputEvent } from './read-scheduler.js';
import { recordedWatermark } from './recorded-watermark.js';
import { SplitTable, type SplitState } from './split-table.js';
import { startJobTimers } from './job-timers.js';
import { untilStopped } from './until-stopped.js';

/** A checkpoint to resume from: its job data and the operators' state. */
export interface RestoredCheckpoint {
  meta: CheckpointMeta;
  entries: OperatorEntry[];
}

/** Everything a job needs, wired by the application layer. */
export interface JobConfig {
  plan: Plan;
  source: Source;
  /** How lines are decoded (the driver reads csv/tsv header rows with it). */
  decoding: Decoding;
  output: OutputConfig;
  /** Makes the executor that runs the chain and the keyed step (local or parallel). */
  executor: (ctx: { layout: PipelineLayout; output: JobOutput; events: ExecutorEvents; buffers: ChunkBuffers }) => Executor;
  /** The parallelism the executor runs at (recorded in checkpoints). */
  parallelism: number;
  /** `--state`: how to checkpoint, and what to resume from. */
  checkpoints?: { checkpointer: Checkpointer; restored: RestoredCheckpoint | null };
  clock?: Clock;
  timers?: TimerService;
}

/**
 * The one owner of a job's lifecycle: reads the source (its enumerator's splits, several at a
 * time for a keyed plan, one after the other otherwise, so output keeps the inputs' order), hands
 * chunks to the executor, keeps each split's state as its chunks are released (position, header
 * row, watermark), advances the job watermark (the minimum over the splits', Flink's multiplexer)
 * and has the executor fire what is complete, checkpoints between chunks and on the clock while
 * input is quiet, and at the end of a bounded input moves the watermark to +∞ so every window
 * fires. `requestStop` stops reading at once; with state the open windows stay in the state.
 */
export class JobDriver {
  private readonly splits: SplitTable;
  private readonly output: JobOutput;
  private readonly executor: Executor;
  private readonly buffers = new ChunkBuffers();
  private readonly clock: Clock;
  private readonly eventTime: boolean;
  private readonly hasOperators: boolean;
  private readonly savedSplits = new Map<string, SavedSplitState>();
  /** Chunks submitted and not yet released: their read time and, with idleness, their hold. */
  private readonly inFlight = new Map<string, { readAtMs: number; hold: number }>();
  private readonly holdsForIdle: boolean;
  private readonly reading = new AbortController();
  private stopRequested = false;
  private wakeStop!: () => void;
  private readonly stopSignal = new Promise<void>((resolve) => (this.wakeStop = resolve));
  private failure: Error | null = null;
  private checkpointing: Promise<void> | null = null;
  /** True while the read loop handles an input (false while it waits for one). */
  private handling = false;
  private firedAt = -Infinity;
  private firedFinite = -Infinity;
  private lastAdvance = -Infinity;
  private releasedSinceAdvance = false;

  constructor(private readonly config: JobConfig) {
    const { plan } = config;
    const layout = layoutOf(plan);
    this.clock = config.clock ?? systemClock;
    this.eventTime = plan.time.kind === 'event';
    this.hasOperators = layout.keyed !== null || layout.after.length > 0;
    this.holdsForIdle = plan.time.kind === 'event' && plan.time.idleMs !== undefined && layout.keyed !== null;
    this.splits = new SplitTable(plan, this.clock);
    this.output = new JobOutput(config.output, layout.after);
    const events: ExecutorEvents = { released: (p) => this.onReleased(p), failed: (err) => this.fail(err) };
    this.executor = config.executor({ layout, output: this.output, events, buffers: this.buffers });
    for (const s of config.checkpoints?.restored?.meta.splits ?? []) this.savedSplits.set(s.id, s);
  }

  /** Stops reading at once; with state, a final checkpoint keeps the open windows. */
  requestStop(): void {
    this.stopRequested = true;
    this.wakeStop();
    this.reading.abort();
  }

  async run(): Promise<JobSummary> {
    const restored = this.config.checkpoints?.restored ?? null;
    this.restore(restored);
    const stopTimers = this.hasOperators || this.config.checkpoints ? startJobTimers(this.config.plan, this.config.timers ?? systemTimers, {
      tick: () => {
        this.advance(false);
        // While input is quiet the loop waits for data: checkpoint from here.
        if (!this.handling && !this.checkpointing && this.config.checkpoints?.checkpointer.due) void this.checkpointOnce(this.currentWatermark()).catch((err: Error) => this.fail(err));
      },
      early: () => this.advance(true),
      flush: () => this.output.flush(),
      fail: (err) => this.fail(err),
    }) : () => {};
    try {
      const maxOpen = layoutOf(this.config.plan).keyed !== null ? 4 : 1;
      const reads = scheduleReads(this.config.source, { maxOpen, signal: this.reading.signal, clock: this.clock, allocate: this.buffers.allocate });
      for await (const ev of untilStopped(reads, this.stopSignal)) {
        if (this.checkpointing) await this.checkpointing;
        this.handling = true;
        await this.onInput(ev);
        this.advance(false);
        await this.output.flush();
        if (this.stopped) break;
        if (this.config.checkpoints?.checkpointer.due) await this.checkpointOnce(this.currentWatermark());
        this.handling = false;
      }
      this.handling = true;
      if (this.checkpointing) await this.checkpointing;
      await this.executor.drain();
      await this.end();
    } finally {
      stopTimers();
      this.reading.abort();
      await this.executor.close();
    }
    if (this.failure) throw this.failure;
    return this.output.finish(this.executor.records);
  }

  private get stopped(): boolean {
    return this.output.stopped || this.stopRequested || this.failure !== null;
  }

  private restore(restored: RestoredCheckpoint | null): void {
    if (!restored) {
      this.executor.start(null);
      return;
    }
    const wm = restored.meta.watermark;
    this.executor.start({ entries: restored.entries, watermark: wm });
    this.output.restoreOperators(restored.entries);
    if (wm > -Infinity) this.splits.multiplexer.restore(wm);
    this.fired(wm);
  }

  /** The end of the input (or a stop): fire everything, or with state keep it; the last checkpoint. */
  private async end(): Promise<void> {
    if (this.output.stopped || this.failure) return;
    const checkpoints = this.config.checkpoints;
    if (this.stopRequested && checkpoints) {
      await this.checkpointOnce(this.currentWatermark());
    } else {
      this.executor.advance(Infinity, false);
      this.fired(Infinity);
      await this.executor.finish();
      this.output.finishOperators();
      if (checkpoints) await this.checkpointOnce(Infinity);
    }
    await this.output.flush();
  }

  private async onInput(ev: InputEvent): Promise<void> {
    switch (ev.kind) {
      case 'add': {
        const saved = ev.resume ? this.savedSplits.get(ev.resume.id) : undefined;
        const resumed: SavedSplitState | null = saved && ev.resume ? { ...saved, offset: ev.resume.offset, line: ev.resume.line } : null;
        const state = this.splits.add(ev.split, resumed);
        this.executor.addSplit(state.slot, ev.split.name, state.maxTs);
        return;
      }
      case 'chunk':
        return this.submit(this.splits.byId(ev.id), ev);
      case 'damaged': {
        const state = this.splits.byId(ev.id);
        state.damage = damageLetter(state.split.name, ev);
        this.settle(state);
        return;
      }
      case 'end': {
        const state = this.splits.byId(ev.id);
        state.readEnded = true;
        this.settle(state);
        return;
      }
      case 'no-more-splits':
        return;
    }
  }

  private async submit(state: SplitState, ev: Extract<InputEvent, { kind: 'chunk' }>): Promise<void> {
    const find = this.config.decoding.headerRow;
    if (find && state.header === undefined) {
      const row = find(ev.chunk.data, ev.chunk.firstLine);
      if (row !== undefined) {
        state.header = row.text;
        state.headerLine = row.line;
      }
    }
    // Only a chunk after the header row needs it: one holding it reads it like any decoder.
    const header = ev.chunk.firstLine > state.headerLine ? state.header : undefined;
    const chunk = { ...ev.chunk, split: state.slot, seq: state.submitted++, readAtMs: ev.readAtMs };
    const hold = this.holdsForIdle ? Math.max(this.firedAt, state.watermark.current()) : Infinity;
    this.inFlight.set(`${chunk.split}:${chunk.seq}`, { readAtMs: chunk.readAtMs, hold });
    await this.executor.submit(chunk, this.firedAt, header);
  }

  private onReleased(p: ChunkProgress): void {
    const state = this.splits.slot(p.slot);
    state.released++;
    state.offset = p.endOffset;
    state.line = p.endLine;
    if (p.maxTs > state.maxTs) state.maxTs = p.maxTs;
    if (p.maxTs > -Infinity) state.watermark.observeBlock(p.maxTs);
    else state.watermark.touch();
    this.inFlight.delete(`${p.slot}:${p.seq}`);
    this.releasedSinceAdvance = true;
    this.settle(state);
  }

  /** After a release, damage or the end of a split: report its damage, finish it when complete. */
  private settle(state: SplitState): void {
    const complete = state.released === state.submitted;
    if (state.damage && complete) {
      this.output.deadLetter(state.damage);
      state.damage = undefined;
    }
    if (state.readEnded && complete && !state.ended) {
      state.ended = true;
      state.watermark.finish();
    }
    this.advance(false);
  }

  /** Has the executor fire at the job watermark when it moved or chunks were released. */
  private advance(early: boolean): void {
    if (!this.hasOperators || this.failure) return;
    const wm = this.currentWatermark();
    if (!early && !this.releasedSinceAdvance && wm === this.lastAdvance) return;
    this.lastAdvance = wm;
    this.releasedSinceAdvance = false;
    this.executor.advance(wm, early);
    this.fired(wm);
  }

  /**
   * The job watermark: event time from the splits (with idleness, held at the hold of every chunk
   * in flight: see `holdsForIdle`), or processing time, not past a chunk in flight.
   */
  private currentWatermark(): number {
    if (this.eventTime) {
      let wm = this.splits.multiplexer.update();
      if (this.holdsForIdle) for (const c of this.inFlight.values()) if (c.hold < wm) wm = c.hold;
      return wm;
    }
    let min = this.clock.now();
    for (const c of this.inFlight.values()) if (c.readAtMs < min) min = c.readAtMs;
    return min - 1;
  }

  private fired(watermark: number): void {
    if (watermark > this.firedAt) this.firedAt = watermark;
    if (watermark < Infinity && watermark > this.firedFinite) this.firedFinite = watermark;
  }

  /** Checkpoints one at a time: a tick while input is quiet and the loop never overlap. */
  private checkpointOnce(watermark: number): Promise<void> {
    const next = (this.checkpointing ?? Promise.resolve()).then(() => this.checkpoint(watermark));
    this.checkpointing = next;
    void next
      .finally(() => {
        if (this.checkpointing === next) this.checkpointing = null;
      })
      .catch(() => {});
    return next;
  }

  /**
   * A checkpoint at a chunk boundary of every split: the executor drains, fires at `watermark` and
   * snapshots; then positions, operator state and pending output are committed together.
   */
  private async checkpoint(watermark: number): Promise<void> {
    const { checkpointer } = this.config.checkpoints!;
    const snap = await this.executor.snapshot(watermark);
    this.fired(watermark);
    this.output.snapshotOperators((e) => snap.entries.push(e));
    await this.output.flush();
    const meta: CheckpointMeta = {
      version: CHECKPOINT_META_VERSION,
      plan: planShape(this.config.plan),
      splits: this.splits.snapshot(),
      enumerator: this.config.source.enumerator.snapshot(),
      watermark: recordedWatermark(this.firedAt, this.firedFinite, snap.maxFiredEnd),
      parallelism: this.config.parallelism,
    };
    await checkpointer.checkpoint(meta, snap.entries);
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.requestStopForFailure();
  }

  private requestStopForFailure(): void {
    this.wakeStop();
    this.reading.abort();
  }
}

import { setMaxListeners } from 'node:events';
import type { Plan } from '../../plan/types.js';
import type { Checkpointer } from '../checkpoint/checkpointer.js';
import type { CheckpointMeta, SavedSplitState } from '../checkpoint/positions.js';
import { systemClock, type Clock } from '../clock/clock.js';
import { systemTimers, type TimerService } from '../clock/timer-service.js';
import type { Decoding } from '../contracts/decoding.js';
import type { Source } from '../contracts/source.js';
import { layoutOf, type PipelineLayout } from '../pipeline/pipeline-layout.js';
import { kindOf } from '../pipeline/registry.js';
import { CheckpointCoordinator } from './checkpoint-coordinator.js';
import { ChunkBuffers } from './chunk-buffers.js';
import { damageLetter } from './damage-letter.js';
import type { ChunkProgress, Executor, ExecutorEvents } from './executor.js';
import { JobOutput, type JobSummary, type OutputConfig, type StageStats } from './job-output.js';
import { startJobTimers } from './job-timers.js';
import { JobWatermark } from './job-watermark.js';
import type { OperatorEntry } from './output-pipeline.js';
import { scheduleReads, type InputEvent } from './read-scheduler.js';
import { SplitTable, type SplitState } from './split-table.js';
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
  /** How lines are decoded (the driver finds csv/tsv header rows with it). */
  decoding: Decoding;
  output: OutputConfig;
  /** Makes the executor that runs the chain and the keyed step (local or parallel). */
  executor: (ctx: { layout: PipelineLayout; output: JobOutput; events: ExecutorEvents; buffers: ChunkBuffers }) => Executor;
  /** The parallelism the executor runs at (recorded in checkpoints). */
  parallelism: number;
  /**
   * A live view shows the open windows: running results this often (as `emit every` would; the
   * pipeline's own `emit every` wins). Only for a sink that takes results as a changelog.
   */
  liveEveryMs?: number;
  /** `--state`: how to checkpoint, and what to resume from. */
  checkpoints?: { checkpointer: Checkpointer; restored: RestoredCheckpoint | null };
  /**
   * At the end of a bounded input, fire every open window (true, the default), or (false,
   * `--no-drain`, needs `checkpoints`) keep them in a last checkpoint for a later run to go on
   * with: Flink's stop without drain.
   */
  drain?: boolean;
  clock?: Clock;
  timers?: TimerService;
}

/**
 * The one owner of a job's lifecycle: reads the source (its enumerator's splits, several at a
 * time for a keyed plan, one after the other otherwise, so output keeps the inputs' order), hands
 * chunks to the executor, keeps each split's state as its chunks are released (position, header
 * row, watermark), advances the job watermark and has the executor fire what is complete,
 * checkpoints between chunks and on the clock while input is quiet, and at the end of a bounded
 * input moves the watermark to +∞ so every window fires. `requestStop` stops reading at once;
 * with state, the open windows stay in the state. Without `drain` they stay there at the end of
 * the input too: inputs read to their end hold the watermark at their last event (they may grow),
 * and the last checkpoint keeps what is open at it, for the next run over the grown inputs.
 */
export class JobDriver {
  private readonly splits: SplitTable;
  private readonly output: JobOutput;
  private readonly executor: Executor;
  private readonly watermark: JobWatermark;
  private readonly checkpoints: CheckpointCoordinator | null;
  private readonly buffers = new ChunkBuffers();
  private readonly hasOperators: boolean;
  private readonly layout: PipelineLayout;
  private readonly readAtOnce: number;
  private readonly clock: Clock;
  private readonly drain: boolean;
  private readonly reading = new AbortController();
  private stopRequested = false;
  private wakeStop!: () => void;
  private readonly stopSignal = new Promise<void>((resolve) => (this.wakeStop = resolve));
  private failure: Error | null = null;
  /** True while the read loop handles an input (false while it waits for one). */
  private handling = false;
  private lastAdvance = -Infinity;
  private releasedSinceAdvance = false;

  constructor(private readonly config: JobConfig) {
    const { plan } = config;
    const layout = layoutOf(plan);
    this.layout = layout;
    this.clock = config.clock ?? systemClock;
    this.drain = config.drain ?? true;
    if (!this.drain && !config.checkpoints) throw new Error('keeping the open windows at the end of the input needs checkpoints');
    this.hasOperators = layout.keyed !== null || layout.after.length > 0;
    // A keyed plan's results do not depend on the order between inputs: read several at a time.
    // Splits of an unbounded source never end: all are read at once, as they grow.
    this.readAtOnce = !config.source.bounded ? Number.POSITIVE_INFINITY : layout.keyed !== null ? 4 : 1;
    // Every split being read listens for the stop: a followed glob may match any number of files.
    setMaxListeners(0, this.reading.signal);
    this.splits = new SplitTable(plan, this.clock, this.drain, !config.source.bounded);
    this.watermark = new JobWatermark(plan, this.splits, this.clock, layout.keyed !== null);
    this.output = new JobOutput(config.output, layout.after);
    const events: ExecutorEvents = { released: (p) => this.onReleased(p), failed: (err) => this.fail(err) };
    this.executor = config.executor({ layout, output: this.output, events, buffers: this.buffers });
    const c = config.checkpoints;
    this.checkpoints = c
      ? new CheckpointCoordinator(c.checkpointer, {
          plan,
          parallelism: config.parallelism,
          enumerator: config.source.enumerator,
          splits: this.splits,
          executor: this.executor,
          output: this.output,
          watermark: this.watermark,
        })
      : null;
  }

  /**
   * Moves the event-time watermark to at least `watermark` and fires what is complete at it, as if
   * the inputs had said so (`fstream test`'s `advance_watermark`); records behind it are late.
   */
  advanceWatermark(watermark: number): void {
    this.watermark.raiseTo(watermark);
    this.advance(false);
  }

  /** Per stage: records out of it, as the executor counted them (see Executor.stageCounts). */
  private stageStats(): StageStats[] {
    const counts = this.executor.stageCounts();
    const { plan } = this.config;
    const stages: StageStats[] = [{ stage: `decode ${plan.format.kind}`, out: counts[0] ?? 0 }];
    for (const [i, step] of this.layout.chain.entries()) stages.push({ stage: kindOf(step).describe(step), out: counts[i + 1] ?? 0 });
    const keyed = this.layout.keyed;
    if (keyed) stages.push({ stage: kindOf(keyed.step).describe(keyed.step), in: this.executor.records, out: this.output.results });
    return stages;
  }

  /** What the job has done so far (a copy): for `--stats` while it runs. */
  progress(): JobSummary {
    return {
      ...this.output.summary,
      records: this.executor.records,
      inputs: this.output.inputs.list().map((i) => ({ ...i })),
      parallelism: this.config.parallelism,
      watermark: this.watermark.current(),
      stages: this.stageStats(),
    };
  }

  /** Stops reading at once; with state, a final checkpoint keeps the open windows. */
  requestStop(): void {
    this.stopRequested = true;
    this.wakeStop();
    this.reading.abort();
  }

  async run(): Promise<JobSummary> {
    this.restore();
    const stopTimers = this.hasOperators || this.checkpoints ? this.startTimers() : () => {};
    try {
      const reads = scheduleReads(this.config.source, {
        maxOpen: this.readAtOnce,
        signal: this.reading.signal,
        clock: this.clock,
        allocate: this.buffers.allocate,
        recycle: (buffer) => this.buffers.recycle(buffer),
      });
      for await (const ev of untilStopped(reads, this.stopSignal)) {
        if (this.checkpoints?.busy) await this.checkpoints.busy;
        this.handling = true;
        await this.onInput(ev);
        this.advance(false);
        await this.output.flush();
        if (this.stopped) break;
        if (this.checkpoints?.due) await this.checkpoints.take(this.watermark.current());
        this.handling = false;
      }
      this.handling = true;
      if (this.checkpoints?.busy) await this.checkpoints.busy;
      await this.executor.drain();
      await this.end();
    } finally {
      stopTimers();
      this.reading.abort();
      await this.executor.close();
    }
    if (this.failure) throw this.failure;
    const summary = this.output.finish(this.executor.records);
    summary.parallelism = this.config.parallelism;
    summary.watermark = this.watermark.current();
    summary.stages = this.stageStats();
    return summary;
  }

  private get stopped(): boolean {
    return this.output.stopped || this.stopRequested || this.failure !== null;
  }

  private restore(): void {
    const restored = this.config.checkpoints?.restored ?? null;
    if (!restored) {
      this.executor.start(null);
      return;
    }
    this.executor.start({
      entries: restored.entries,
      watermark: restored.meta.watermark,
      ...(restored.meta.runs ? { runs: { parallelism: restored.meta.parallelism, owners: restored.meta.runs } } : {}),
    });
    this.output.restoreOperators(restored.entries);
    this.watermark.restore(restored.meta.watermark);
  }

  private startTimers(): () => void {
    return startJobTimers(
      this.config.plan,
      this.config.timers ?? systemTimers,
      {
        tick: () => {
          this.advance(false);
          // While input is quiet the loop waits for data: checkpoint from here.
          const c = this.checkpoints;
          if (c && !this.handling && !c.busy && c.due) void c.take(this.watermark.current()).catch((err: Error) => this.fail(err));
        },
        early: () => this.advance(true),
        flush: () => this.output.flush(),
        fail: (err) => this.fail(err),
      },
      this.config.liveEveryMs,
    );
  }

  /**
   * The end of the input (or a stop): fire everything, or keep what is open in the last
   * checkpoint (after a stop with state, or without `drain`): windows, operators' state and
   * timers, at the watermark reached.
   */
  private async end(): Promise<void> {
    if (this.output.stopped || this.failure) return;
    if ((this.stopRequested || !this.drain) && this.checkpoints) {
      await this.checkpoints.take(this.watermark.current());
    } else {
      this.executor.advance(Infinity, false);
      this.watermark.fired(Infinity);
      await this.executor.finish();
      this.output.finishOperators();
      if (this.checkpoints) await this.checkpoints.take(Infinity);
    }
    await this.output.flush();
  }

  private async onInput(ev: InputEvent): Promise<void> {
    if (ev.kind === 'no-more-splits' || ev.kind === 'initial-splits-added') {
      this.watermark.allAdded();
      return;
    }
    if (ev.kind === 'add') {
      const saved = ev.resume ? this.config.checkpoints?.restored?.meta.splits.find((s) => s.id === ev.resume!.id) : undefined;
      // A split the checkpoint did not know may still resume from a position (a copy of a file,
      // read on from where that file ended): its reading starts there, so its position does too.
      const resumed: SavedSplitState | null = ev.resume
        ? { ...(saved ?? { ...ev.resume, maxTs: Number.NEGATIVE_INFINITY }), offset: ev.resume.offset, line: ev.resume.line }
        : null;
      const state = this.splits.add(ev.split, resumed);
      this.executor.addSplit(state.slot, ev.split.name, state.maxTs);
      return;
    }
    const state = this.splits.byId(ev.id);
    if (ev.kind === 'chunk') return this.submit(state, ev);
    if (ev.kind === 'damaged') state.damage = damageLetter(state.split.name, ev);
    else state.readEnded = true;
    this.settle(state);
  }

  private async submit(state: SplitState, ev: Extract<InputEvent, { kind: 'chunk' }>): Promise<void> {
    const header = this.splits.headerFor(state, ev.chunk, this.config.decoding.headerRow);
    const chunk = { ...ev.chunk, split: state.slot, seq: state.submitted++, readAtMs: ev.readAtMs };
    // Input arrived: the split is not idle (its event times count once the chunk is released).
    state.watermark.touch();
    this.watermark.submitted(chunk.split, chunk.seq, chunk.readAtMs, state.watermark.current());
    await this.executor.submit(chunk, this.watermark.firedAt, header);
  }

  private onReleased(p: ChunkProgress): void {
    const before = this.splits.stateOf(p.slot);
    this.output.inputs.read(before.split.name, p.endOffset - before.offset, p.endLine - before.line);
    const state = this.splits.released(p);
    this.watermark.released(p.slot, p.seq);
    this.releasedSinceAdvance = true;
    this.settle(state);
  }

  /** After a release, damage or the end of a split: report its damage, finish it when complete. */
  private settle(state: SplitState): void {
    const damage = this.splits.settle(state);
    if (damage) this.output.deadLetter(damage);
    this.advance(false);
  }

  /** Has the executor fire at the job watermark when it moved or chunks were released. */
  private advance(early: boolean): void {
    if (!this.hasOperators || this.failure) return;
    const wm = this.watermark.current();
    if (!early && !this.releasedSinceAdvance && wm === this.lastAdvance) return;
    this.lastAdvance = wm;
    this.releasedSinceAdvance = false;
    this.executor.advance(wm, early);
    this.watermark.fired(wm);
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.wakeStop();
    this.reading.abort();
  }
}

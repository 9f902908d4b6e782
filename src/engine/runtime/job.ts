import type { Plan } from '../../plan/types.js';
import { headerKind, headerRowOf } from '../../io/formats/decoder-factory.js';
import type { Split } from '../../io/sources/split.js';
import { SplitProgress, type JobState } from '../checkpoint/job-state.js';
import { planShape } from '../../plan/plan-fingerprint.js';
import { AggregateOperator } from '../operators/aggregate-operator.js';
import type { PartialEntry } from '../operators/window-store.js';
import { BoundedOutOfOrdernessWatermark } from '../watermark/bounded-out-of-orderness.js';
import { WatermarkMultiplexer } from '../watermark/multiplexer.js';
import type { Chunk } from './chunk.js';
import { JobOutput, type JobSummary, type OutputConfig } from './job-output.js';
import type { Decoding } from '../contracts/decoding.js';
import { ChunkProcessor } from './processor.js';
import { splitPipeline } from './pipeline-parts.js';
import { ChunkBuffers } from './chunk-buffers.js';
import { damageLetter } from './damage-letter.js';
import { readInputs, untilStopped } from './read-chunks.js';
import { startTimers, type Timers } from './timers.js';

/** Everything a job needs, wired by the `run` command. */
export interface JobConfig extends OutputConfig {
  plan: Plan;
  splits: Split[];
  /** How lines are decoded (see decodingFor); workers make their own from the plan. */
  decoding: Decoding;
  /** `--state`: checkpoints and what to resume from. */
  state?: JobState;
}

/**
 * Runs a plan on one thread (parallelism 1): reads the splits, processes chunk by chunk,
 * advances the job watermark (the minimum over the splits' watermarks, Flink's multiplexer)
 * after each chunk, fires complete windows, and flushes the output so nothing is held back.
 * At the end of bounded input the watermark goes to +∞ and every window fires. With state, it
 * checkpoints between chunks and resumes from the last checkpoint.
 */
export class Job {
  /** Buffers of processed chunks, cut into again by the reader. */
  private readonly buffers = new ChunkBuffers();
  private readonly output: JobOutput;
  private readonly processor: ChunkProcessor;
  private readonly aggregate: AggregateOperator | null;
  private readonly splitWatermarks: BoundedOutOfOrdernessWatermark[];
  private readonly multiplexer: WatermarkMultiplexer;
  private readonly eventTime: boolean;
  private readonly progress: SplitProgress;
  private firedAt = -Infinity;
  /** The highest watermark fired before the end of input (see recordedWatermark). */
  private firedFinite = -Infinity;
  private stopRequested = false;
  private wakeStop!: () => void;
  private readonly stopSignal = new Promise<void>((resolve) => (this.wakeStop = resolve));
  /** Aborts reads still pending when the job stops (a quiet stdin, a line that never ends). */
  private readonly reading = new AbortController();
  private checkpointing: Promise<void> | null = null;
  private busy = false;

  constructor(private readonly config: JobConfig) {
    const { plan } = config;
    const parts = splitPipeline(plan);
    this.output = new JobOutput(config, parts.post);
    this.aggregate = parts.aggregate ? new AggregateOperator(parts.aggregate, (rec) => this.output.result(rec)) : null;
    this.processor = new ChunkProcessor(plan, config.splits.map((s) => s.name), parts.pre, this.aggregate, this.output, config.decoding);
    this.eventTime = plan.time.kind === 'event';
    this.splitWatermarks = splitWatermarks(plan, config.splits.length);
    this.multiplexer = new WatermarkMultiplexer(this.splitWatermarks);
    const restored = config.state?.restored ?? null;
    this.progress = new SplitProgress(config.splits.length, restored?.positions);
    if (restored) this.restore(restored.meta.watermark, restored.entries, restored.positions);
  }

  /** Stop reading, take a final checkpoint (without firing open windows when there is state). */
  requestStop(): void {
    this.stopRequested = true;
    this.wakeStop();
    this.reading.abort();
  }

  async run(): Promise<JobSummary> {
    const out = this.output;
    let timers: Timers | null = null;
    if (this.aggregate || this.config.state) {
      const agg = this.aggregate;
      timers = startTimers(this.config.plan, {
        tick: () => {
          this.advance();
          // While input is quiet the loop waits for data: checkpoint from here.
          if (!this.busy && !this.checkpointing && this.config.state?.checkpointer.due) void this.checkpointOnce().catch((err: Error) => (out.failure ??= err));
        },
        early: () => agg?.emitEarly(),
        flush: () => out.flush(),
        fail: (err) => (out.failure ??= err),
      });
    }
    const starts = this.config.splits.map((_, i) => ({ offset: this.progress.offsets[i]!, line: this.progress.lines[i]! }));
    try {
      const stop = (): boolean => this.processor.stopped || out.stopped || this.stopRequested;
      const reader = readInputs(this.config.plan, this.config.splits, { isStopped: stop, starts, allocate: this.buffers.allocate, signal: this.reading.signal });
      for await (const ev of untilStopped(reader, this.stopSignal)) {
        if (this.checkpointing) await this.checkpointing;
        this.busy = true;
        if (ev.kind === 'chunk') this.onChunk(ev.chunk);
        else if (ev.kind === 'damaged') out.deadLetter(damageLetter(this.config.splits[ev.split]!.name, ev));
        else {
          this.splitWatermarks[ev.split]!.finish();
          this.progress.ended[ev.split] = true;
        }
        this.advance();
        await out.flush();
        if (this.config.state?.checkpointer.due && !stop()) await this.checkpointOnce();
        this.busy = false;
        if (stop()) break;
      }
      this.busy = true;
      if (this.checkpointing) await this.checkpointing;
      const stoppedBySignal = this.stopRequested && this.config.state !== undefined;
      if (!out.stopped && !stoppedBySignal) {
        this.aggregate?.fire(Infinity);
        this.fired(Infinity);
      }
      await out.flush();
      if (this.config.state && !out.failure) await this.checkpointOnce();
    } finally {
      timers?.stop();
      this.reading.abort();
    }
    return out.finish(this.processor.records);
  }

  private onChunk(chunk: Chunk): void {
    const i = chunk.split;
    // The header row, once read, goes with every later chunk (and into checkpoints with them).
    const header = this.progress.headers[i];
    const kind = headerKind(this.config.plan.format);
    if (header === undefined && kind !== null) this.progress.headers[i] = headerRowOf(kind, chunk.data, chunk.firstLine)?.text;
    this.processor.process(chunk, header);
    const wm = this.splitWatermarks[i]!;
    const max = this.processor.maxEventTime[i]!;
    if (max > -Infinity) wm.observeBlock(max);
    else wm.touch();
    this.progress.offsets[i] = chunk.endOffset;
    this.progress.lines[i] = chunk.firstLine + chunk.lines;
    this.buffers.recycle(chunk.data.buffer);
  }

  /** Fires the windows complete at the current job watermark. */
  private advance(): void {
    if (!this.aggregate) return;
    const wm = this.eventTime ? this.multiplexer.update() : Date.now() - 1;
    this.aggregate.fire(wm);
    this.fired(wm);
  }

  private fired(wm: number): void {
    if (wm > this.firedAt) this.firedAt = wm;
    if (wm < Infinity && wm > this.firedFinite) this.firedFinite = wm;
  }

  /** Checkpoints one at a time: a tick while input is quiet and the loop never overlap. */
  private checkpointOnce(): Promise<void> {
    const next = (this.checkpointing ?? Promise.resolve()).then(() => this.checkpoint());
    this.checkpointing = next;
    void next.finally(() => {
      if (this.checkpointing === next) this.checkpointing = null;
    }).catch(() => {});
    return next;
  }

  private async checkpoint(): Promise<void> {
    const state = this.config.state!;
    const entries: PartialEntry[] = [];
    this.aggregate?.snapshot((e) => entries.push(e));
    const names = this.config.splits.map((s) => s.name);
    await this.output.flush();
    await state.checkpointer.checkpoint(
      {
        version: 1,
        plan: planShape(this.config.plan),
        splits: this.progress.positions(names, state.identities, this.processor.maxEventTime),
        watermark: recordedWatermark(this.firedAt, this.firedFinite, this.aggregate?.maxFiredEnd ?? -Infinity),
        parallelism: 1,
      },
      entries,
    );
  }

  private restore(watermark: number, entries: PartialEntry[], positions: ({ maxTs: number; ended: boolean } | undefined)[]): void {
    positions.forEach((p, i) => {
      if (!p) return;
      this.processor.maxEventTime[i] = p.maxTs;
      if (p.maxTs > -Infinity) this.splitWatermarks[i]!.observeBlock(p.maxTs);
    });
    if (watermark > -Infinity) this.multiplexer.restore(watermark);
    this.fired(watermark);
    this.aggregate?.restore(entries, watermark);
  }
}

/** One watermark per split (bounded out-of-orderness + idleness from the plan's time spec). */
export function splitWatermarks(plan: Plan, n: number): BoundedOutOfOrdernessWatermark[] {
  const time = plan.time;
  const lagMs = time.kind === 'event' ? time.lagMs : 0;
  const idleMs = time.kind === 'event' ? time.idleMs : undefined;
  return Array.from({ length: n }, () => new BoundedOutOfOrdernessWatermark(lagMs, idleMs ? { idleMs } : {}));
}

/**
 * The watermark a checkpoint records as fired. After the end of a bounded input (+∞) it is not +∞,
 * which would make every event of a later run over grown files late, but what the windows reached:
 * every window with data fired at the end, so a later event is late exactly when its windows end
 * by the last window that fired (or by the watermark reached before the end).
 */
export function recordedWatermark(firedAt: number, firedFinite: number, maxFiredEnd: number): number {
  return firedAt === Infinity ? Math.max(firedFinite, maxFiredEnd - 1) : firedAt;
}

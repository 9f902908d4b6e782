import type { Plan } from '../../dsl/plan-types.js';
import type { Split } from '../../io/sources/split.js';
import type { Sink } from '../../io/sinks/sink.js';
import { RuntimeError } from '../../errors.js';
import { AggregateOperator } from '../operators/aggregate-operator.js';
import type { Rec } from '../record.js';
import { BoundedOutOfOrdernessWatermark } from '../watermark/bounded-out-of-orderness.js';
import { WatermarkMultiplexer } from '../watermark/multiplexer.js';
import type { DeadLetter } from './chunk.js';
import { ChunkProcessor, type DecoderFactory } from './processor.js';
import { splitPipeline, type Link } from './pipeline-parts.js';
import { readChunks } from './read-chunks.js';

/** Everything a job needs, wired by the `run` command. */
export interface JobConfig {
  plan: Plan;
  splits: Split[];
  makeDecoder: DecoderFactory;
  sink: Sink;
  /** `--errors`: where bad records go (they are counted either way). */
  deadLetters?: { write(d: DeadLetter): void };
  /** `--late`: where late events go (they are counted either way). */
  late?: Sink;
  /** `--max-errors`. */
  maxErrors?: number;
}

export interface JobSummary {
  records: number;
  badRecords: number;
  lateRecords: number;
  firstBad?: DeadLetter;
  /** The reader of stdout went away (`| head`): a quiet, successful stop. */
  outputClosed: boolean;
}

/** How often processing-time windows and idleness are re-checked while input is quiet. */
const TICK_MS = 100;

/**
 * Runs a plan on one thread: reads the splits, processes chunk by chunk, advances the job
 * watermark (the minimum over the splits' watermarks, Flink's multiplexer) after each chunk,
 * fires complete windows, and flushes the output so nothing is held back. At the end of bounded
 * input the watermark goes to +∞ and every window fires.
 */
export class Job {
  private readonly summary: JobSummary = { records: 0, badRecords: 0, lateRecords: 0, outputClosed: false };
  private readonly processor: ChunkProcessor;
  private readonly aggregate: AggregateOperator | null;
  private readonly post: Link[];
  private readonly postCounts: number[];
  private readonly splitWatermarks: BoundedOutOfOrdernessWatermark[];
  private readonly multiplexer: WatermarkMultiplexer;
  private readonly eventTime: boolean;
  private stopped = false;
  private failure: Error | null = null;

  constructor(private readonly config: JobConfig) {
    const { plan } = config;
    const parts = splitPipeline(plan);
    this.post = parts.post;
    this.postCounts = parts.post.map(() => 0);
    this.aggregate = parts.aggregate ? new AggregateOperator(parts.aggregate, (rec) => this.emitPost(rec)) : null;
    this.processor = new ChunkProcessor(
      plan,
      config.splits.map((s) => s.name),
      parts.pre,
      this.aggregate,
      {
        output: (rec) => config.sink.write(rec),
        deadLetter: (d) => this.onDeadLetter(d),
        late: (rec) => this.onLate(rec),
      },
      config.makeDecoder,
    );
    const time = plan.time;
    this.eventTime = time.kind === 'event';
    const idleMs = time.kind === 'event' ? time.idleMs : undefined;
    const lagMs = time.kind === 'event' ? time.lagMs : 0;
    this.splitWatermarks = config.splits.map(() => new BoundedOutOfOrdernessWatermark(lagMs, idleMs ? { idleMs } : {}));
    this.multiplexer = new WatermarkMultiplexer(this.splitWatermarks);
  }

  async run(): Promise<JobSummary> {
    const { sink } = this.config;
    const tick = this.aggregate ? this.startTimers() : null;
    try {
      const events = readChunks(this.config.splits, () => this.stopped || this.processor.stopped || sink.closed);
      for await (const ev of events) {
        if (ev.kind === 'chunk') {
          this.processor.process(ev.chunk);
          const max = this.processor.maxEventTime[ev.chunk.split]!;
          if (max > -Infinity) this.splitWatermarks[ev.chunk.split]!.observeBlock(max);
          else this.splitWatermarks[ev.chunk.split]!.touch();
        } else {
          this.splitWatermarks[ev.split]!.finish();
        }
        this.advance();
        if (this.failure) throw this.failure;
        await sink.flush();
        if (sink.closed) break;
      }
      if (!sink.closed && !this.stopped) this.aggregate?.fire(Infinity);
      if (this.failure) throw this.failure;
    } finally {
      if (tick) clearInterval(tick.watermark);
      if (tick?.early) clearInterval(tick.early);
    }
    this.summary.records = this.processor.records;
    this.summary.outputClosed = sink.closed;
    return this.summary;
  }

  /** Fires the windows complete at the current job watermark. */
  private advance(): void {
    if (!this.aggregate) return;
    const wm = this.eventTime ? this.multiplexer.update() : Date.now() - 1;
    this.aggregate.fire(wm);
  }

  /** Processing time moves on while input is quiet: windows fire and idleness is noticed on a timer. */
  private startTimers(): { watermark: NodeJS.Timeout; early?: NodeJS.Timeout } {
    const flush = (): void => {
      this.config.sink.flush().catch((err: Error) => (this.failure ??= err));
    };
    const watermark = setInterval(() => {
      this.advance();
      flush();
    }, TICK_MS);
    watermark.unref();
    const everyMs = this.aggregate && this.config.plan.steps.find((s) => s.op === 'aggregate');
    const emitEveryMs = everyMs && everyMs.op === 'aggregate' ? everyMs.emitEveryMs : undefined;
    if (emitEveryMs === undefined) return { watermark };
    const early = setInterval(() => {
      this.aggregate!.emitEarly();
      flush();
    }, emitEveryMs);
    early.unref();
    return { watermark, early };
  }

  /** Runs an aggregate's output through the steps after it. */
  private emitPost(rec: Rec): void {
    if (this.stopped) return;
    let r: Rec | null = rec;
    for (let i = 0; i < this.post.length && r !== null; i++) {
      const link = this.post[i]!;
      if (link.kind === 'fn') r = link.fn(r);
      else if (link.kind === 'limit') {
        if (this.postCounts[i]! >= link.n) {
          this.stopped = true;
          return;
        }
        if (++this.postCounts[i]! >= link.n) this.stopped = true;
      }
    }
    if (r !== null) this.config.sink.write(r);
  }

  private onDeadLetter(d: DeadLetter): void {
    this.summary.badRecords++;
    this.summary.firstBad ??= d;
    this.config.deadLetters?.write(d);
    const max = this.config.maxErrors;
    if (max !== undefined && this.summary.badRecords >= max && !this.failure) {
      this.failure = new RuntimeError(`stopped after ${this.summary.badRecords} bad records (--max-errors ${max}); first: ${d.source}:${d.line}: ${d.error}`);
      this.stopped = true;
    }
  }

  private onLate(rec: Rec): void {
    this.summary.lateRecords++;
    this.config.late?.write(rec);
  }
}

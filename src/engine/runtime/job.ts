import type { Plan } from '../../dsl/plan-types.js';
import type { Split } from '../../io/sources/split.js';
import { AggregateOperator } from '../operators/aggregate-operator.js';
import { BoundedOutOfOrdernessWatermark } from '../watermark/bounded-out-of-orderness.js';
import { WatermarkMultiplexer } from '../watermark/multiplexer.js';
import { JobOutput, type JobSummary, type OutputConfig } from './job-output.js';
import { ChunkProcessor, type DecoderFactory } from './processor.js';
import { splitPipeline } from './pipeline-parts.js';
import { readChunks } from './read-chunks.js';
import { startTimers, type Timers } from './timers.js';

/** Everything a job needs, wired by the `run` command. */
export interface JobConfig extends OutputConfig {
  plan: Plan;
  splits: Split[];
  makeDecoder: DecoderFactory;
}

/**
 * Runs a plan on one thread (parallelism 1): reads the splits, processes chunk by chunk,
 * advances the job watermark (the minimum over the splits' watermarks, Flink's multiplexer)
 * after each chunk, fires complete windows, and flushes the output so nothing is held back.
 * At the end of bounded input the watermark goes to +∞ and every window fires.
 */
export class Job {
  private readonly output: JobOutput;
  private readonly processor: ChunkProcessor;
  private readonly aggregate: AggregateOperator | null;
  private readonly splitWatermarks: BoundedOutOfOrdernessWatermark[];
  private readonly multiplexer: WatermarkMultiplexer;
  private readonly eventTime: boolean;

  constructor(private readonly config: JobConfig) {
    const { plan } = config;
    const parts = splitPipeline(plan);
    this.output = new JobOutput(config, parts.post);
    this.aggregate = parts.aggregate ? new AggregateOperator(parts.aggregate, (rec) => this.output.result(rec)) : null;
    this.processor = new ChunkProcessor(
      plan,
      config.splits.map((s) => s.name),
      parts.pre,
      this.aggregate,
      this.output,
      config.makeDecoder,
    );
    this.eventTime = plan.time.kind === 'event';
    this.splitWatermarks = splitWatermarks(plan, config.splits.length);
    this.multiplexer = new WatermarkMultiplexer(this.splitWatermarks);
  }

  async run(): Promise<JobSummary> {
    const out = this.output;
    let timers: Timers | null = null;
    if (this.aggregate) {
      const agg = this.aggregate;
      timers = startTimers(this.config.plan, {
        tick: () => this.advance(),
        early: () => agg.emitEarly(),
        flush: () => out.flush(),
        fail: (err) => (out.failure ??= err),
      });
    }
    try {
      for await (const ev of readChunks(this.config.splits, () => this.processor.stopped || out.stopped)) {
        if (ev.kind === 'chunk') {
          this.processor.process(ev.chunk);
          const wm = this.splitWatermarks[ev.chunk.split]!;
          const max = this.processor.maxEventTime[ev.chunk.split]!;
          if (max > -Infinity) wm.observeBlock(max);
          else wm.touch();
        } else {
          this.splitWatermarks[ev.split]!.finish();
        }
        this.advance();
        await out.flush();
        if (out.stopped) break;
      }
      if (!out.stopped) this.aggregate?.fire(Infinity);
    } finally {
      timers?.stop();
    }
    return out.finish(this.processor.records);
  }

  /** Fires the windows complete at the current job watermark. */
  private advance(): void {
    if (!this.aggregate) return;
    this.aggregate.fire(this.eventTime ? this.multiplexer.update() : Date.now() - 1);
  }
}

/** One watermark per split (bounded out-of-orderness + idleness from the plan's time spec). */
export function splitWatermarks(plan: Plan, n: number): BoundedOutOfOrdernessWatermark[] {
  const time = plan.time;
  const lagMs = time.kind === 'event' ? time.lagMs : 0;
  const idleMs = time.kind === 'event' ? time.idleMs : undefined;
  return Array.from({ length: n }, () => new BoundedOutOfOrdernessWatermark(lagMs, idleMs ? { idleMs } : {}));
}

import { InputCounts, type InputStats } from './input-stats.js';
import type { Sink } from '../contracts/sink.js';
import type { DeadLetter, DeadLetterSink } from '../contracts/dead-letter.js';
import type { ResultChange } from '../contracts/result.js';
import { RuntimeError } from '../../common/errors.js';
import type { Rec } from '../../common/record.js';
import type { Step } from '../../plan/types.js';
import { OutputPipeline, type OperatorEntry } from './output-pipeline.js';

/** What a finished run reports (the exit summary on stderr is made from it). */
export interface JobSummary {
  records: number;
  badRecords: number;
  lateRecords: number;
  firstBad?: DeadLetter;
  /** The reader of stdout went away (`| head`): a quiet, successful stop. */
  outputClosed: boolean;
  /** Per input: bytes and lines handed on, bad records (for `--stats`). */
  inputs: InputStats[];
  /** The parallelism the job ran at. */
  parallelism: number;
  /** The job watermark (event time; on processing time the clock). */
  watermark: number;
  /** Per stage: records out of it (a keyed step: records in and results out). */
  stages: StageStats[];
}

/** One stage's counts, for `--stats`: `stage` as `explain` describes it. */
export interface StageStats {
  stage: string;
  in?: number;
  out: number;
}

/** Where a job's output goes: the results, and the named side outputs. */
export interface OutputConfig {
  sink: Sink;
  /** `--errors`: where bad records go (they are counted either way). */
  deadLetters?: DeadLetterSink;
  /** `--late`: where late events go, as NDJSON lines (they are counted either way). */
  late?: Sink;
  /** `--max-errors`. */
  maxErrors?: number;
}

/**
 * The end of a job, on the main thread, fed by the executor in output order: records and results
 * through the steps after the keyed step (see OutputPipeline) into the sink; bad records and late
 * events counted and written to their side outputs. Knows when the job must stop: a satisfied
 * `limit`, a closed stdout, `--max-errors` reached (then `failure` says why).
 */
export class JobOutput {
  readonly summary: JobSummary = {
    records: 0,
    badRecords: 0,
    lateRecords: 0,
    outputClosed: false,
    inputs: [],
    parallelism: 1,
    watermark: Number.NEGATIVE_INFINITY,
    stages: [],
  };
  /** Results of the keyed step (running ones included), for `--stats`. */
  results = 0;
  /** Per-input counts: the driver adds what it releases, bad records are counted here. */
  readonly inputs = new InputCounts();
  /** A step asked for no more input (a satisfied `limit`). */
  limitReached = false;
  failure: Error | null = null;
  /** Something went to `--late` or `--errors` since the last flush. */
  private sideWritten = false;
  private readonly pipeline: OutputPipeline;

  constructor(
    private readonly config: OutputConfig,
    after: { step: Step; index: number }[],
  ) {
    const sink = config.sink;
    this.pipeline = new OutputPipeline(after, { collect: (rec, _ts, change) => sink.write(rec, change) }, () => (this.limitReached = true));
  }

  get sink(): Sink {
    return this.config.sink;
  }

  /** True when reading should stop. */
  get stopped(): boolean {
    return this.limitReached || this.failure !== null || this.config.sink.closed;
  }

  /** A record of the per-record chain (a pipeline without a keyed step), with its time. */
  output(rec: Rec, ts: number): void {
    if (!this.limitReached) this.pipeline.push(rec, ts);
  }

  /** A matching input line of a pass-through filter. */
  outputRaw(line: string): void {
    this.config.sink.writeNdjson(line + '\n');
  }

  /** Records encoded as NDJSON elsewhere (a worker), each line ending in `\n`. */
  text(ndjson: string): void {
    this.config.sink.writeNdjson(ndjson);
  }

  /** A result of the keyed step, with its time and change. */
  result(rec: Rec, ts: number, change: ResultChange): void {
    this.results++;
    if (!this.limitReached) this.pipeline.push(rec, ts, change);
  }

  /** A result of the keyed step already encoded as an NDJSON line (no step follows it; see `text`). */
  resultText(line: string): void {
    this.results++;
    this.config.sink.writeNdjson(line);
  }

  /** The job watermark moved: the steps after the keyed step see it. */
  onWatermark(watermark: number): void {
    this.pipeline.onWatermark(watermark);
  }

  /** The end of a bounded input: the steps after the keyed step finish. */
  finishOperators(): void {
    this.pipeline.finish();
  }

  snapshotOperators(visit: (e: OperatorEntry) => void): void {
    this.pipeline.snapshot(visit);
  }

  restoreOperators(entries: Iterable<OperatorEntry>): void {
    this.pipeline.restore(entries);
  }

  deadLetter(d: DeadLetter): void {
    const s = this.summary;
    s.badRecords++;
    s.firstBad ??= d;
    this.inputs.bad(d.source);
    this.config.deadLetters?.write(d);
    this.sideWritten = true;
    const max = this.config.maxErrors;
    if (max !== undefined && s.badRecords >= max && !this.failure) {
      this.failure = new RuntimeError(
        `stopped after ${s.badRecords} bad records (--max-errors ${max}); first: ${s.firstBad.source}:${s.firstBad.line}: ${s.firstBad.error}`,
      );
    }
  }

  /** A late event: counted, and its line (see ProcessorSink.late) written to `--late`. */
  late(line: string | null): void {
    this.summary.lateRecords++;
    if (line !== null) this.config.late?.writeNdjson(line + '\n');
    this.sideWritten = true;
  }

  /**
   * Flushes the sink (backpressure reaches the reader here), and the side outputs when something
   * was written to them since (a job that runs for months shows its late events and bad records
   * as they come, not at exit).
   */
  async flush(): Promise<void> {
    if (this.sideWritten) {
      this.sideWritten = false;
      await Promise.all([this.config.deadLetters?.flush(), this.config.late?.flush()]);
    }
    return this.config.sink.flush();
  }

  finish(records: number): JobSummary {
    this.summary.records = records;
    this.summary.inputs = this.inputs.list();
    this.summary.outputClosed = this.config.sink.closed;
    if (this.failure) throw this.failure;
    return this.summary;
  }
}

import type { Sink } from '../contracts/sink.js';
import { RuntimeError } from '../../common/errors.js';
import type { Rec } from '../../common/record.js';
import type { DeadLetter } from './chunk.js';
import type { Link } from './pipeline-parts.js';

/** What a finished run reports (the exit summary on stderr is made from it). */
export interface JobSummary {
  records: number;
  badRecords: number;
  lateRecords: number;
  firstBad?: DeadLetter;
  /** The reader of stdout went away (`| head`): a quiet, successful stop. */
  outputClosed: boolean;
}

export interface OutputConfig {
  sink: Sink;
  /** `--errors`: where bad records go (they are counted either way). */
  deadLetters?: { write(d: DeadLetter): void };
  /** `--late`: where late events go (they are counted either way). */
  late?: Sink;
  /** `--max-errors`. */
  maxErrors?: number;
}

/**
 * The end of a job, in the main thread: results through the steps after the aggregation
 * (where, eval, select, drop, limit) into the sink; bad records and late events counted and
 * written to their side outputs. Knows when the job must stop: a satisfied `limit`, a closed
 * stdout, `--max-errors` reached (then `failure` says why).
 */
export class JobOutput {
  readonly summary: JobSummary = { records: 0, badRecords: 0, lateRecords: 0, outputClosed: false };
  private readonly postCounts: number[];
  /** A `limit` after the aggregation is satisfied: nothing more is wanted. */
  limitReached = false;
  failure: Error | null = null;

  constructor(
    private readonly config: OutputConfig,
    private readonly post: Link[],
  ) {
    this.postCounts = post.map(() => 0);
  }

  get sink(): Sink {
    return this.config.sink;
  }

  /** True when reading should stop. */
  get stopped(): boolean {
    return this.limitReached || this.failure !== null || this.config.sink.closed;
  }

  /** A record of a pipeline without aggregation (the ProcessorSink side). */
  output(rec: Rec): void {
    this.result(rec);
  }

  /** A matching input line of a pass-through filter. */
  outputRaw(line: string): void {
    this.config.sink.writeNdjson(line + '\n');
  }

  /** A result of the aggregation (or a record of a pipeline without one). */
  result(rec: Rec): void {
    if (this.limitReached) return;
    let r: Rec | null = rec;
    for (let i = 0; i < this.post.length && r !== null; i++) {
      const link = this.post[i]!;
      if (link.kind === 'fn') r = link.fn(r);
      else if (link.kind === 'limit') {
        if (this.postCounts[i]! >= link.n) {
          this.limitReached = true;
          return;
        }
        if (++this.postCounts[i]! >= link.n) this.limitReached = true;
      }
    }
    if (r !== null) this.config.sink.write(r);
  }

  deadLetter(d: DeadLetter): void {
    const s = this.summary;
    s.badRecords++;
    s.firstBad ??= d;
    this.config.deadLetters?.write(d);
    const max = this.config.maxErrors;
    if (max !== undefined && s.badRecords >= max && !this.failure) {
      this.failure = new RuntimeError(`stopped after ${s.badRecords} bad records (--max-errors ${max}); first: ${s.firstBad.source}:${s.firstBad.line}: ${s.firstBad.error}`);
    }
  }

  /** A late event: counted, and its line (see ProcessorSink.late) written to `--late`. */
  late(line: string | null): void {
    this.summary.lateRecords++;
    if (line !== null) this.config.late?.writeNdjson(line + '\n');
  }

  /** Flushes the sink (backpressure reaches the reader here). */
  flush(): Promise<void> {
    return this.config.sink.flush();
  }

  finish(records: number): JobSummary {
    this.summary.records = records;
    this.summary.outputClosed = this.config.sink.closed;
    if (this.failure) throw this.failure;
    return this.summary;
  }
}

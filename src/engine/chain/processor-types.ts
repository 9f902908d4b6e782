import type { Rec } from '../../common/record.js';
import type { DeadLetter } from '../contracts/dead-letter.js';

/** Where a processor's per-record results go. */
export interface ProcessorSink {
  /** A record that left the chain (a pipeline without a keyed step), with its time. */
  output(rec: Rec, ts: number): void;
  /** A matching input line of a pass-through filter, unchanged (no line break). */
  outputRaw(line: string): void;
  deadLetter(d: DeadLetter): void;
  /**
   * A record whose windows had all fired: its input line rendered by `Decoding.lateRecord`
   * (null when late events are only counted).
   */
  late(line: string | null): void;
  /** True once the job must stop (e.g. --max-errors reached): no further line is processed. */
  readonly stopped: boolean;
}

/**
 * A chunk after the first stage: the records that reached the aggregation (null where a record
 * only moved event time: filtered after its time was read) with their times, in input order.
 */
export interface Staged {
  split: number;
  recs: (Rec | null)[];
  ts: number[];
  /** Largest event time in the chunk (−∞ when none). */
  maxTs: number;
  /** With `--late`: each staged record's line as [start, end) in the chunk's data. */
  spans: number[] | null;
}

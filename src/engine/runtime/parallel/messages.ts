/**
 * The messages between the main thread (reader, coordinator, sink) and the worker threads,
 * and between workers (partial aggregates to the key group's owner). Everything is plain,
 * structured-clone-able data; chunk bytes travel as transferred ArrayBuffers.
 */
import type { MessagePort } from 'node:worker_threads';
import type { Plan } from '../../../plan/types.js';
import type { Rec } from '../../../common/record.js';
import type { DeadLetter } from '../../chain/chunk.js';
import type { RowColumns } from '../../operators/row-buffer.js';
import type { OperatorEntry } from '../output-pipeline.js';
import type { FiredColumns } from './fired-columns.js';
import type { PartialColumns } from './partial-columns.js';
import type { WireError } from '../../../common/wire-error.js';
import type { RunInfo } from '../../state/run-store.js';
import type { SpillSettings } from '../owner-spill.js';

export interface WorkerInit {
  plan: Plan;
  index: number;
  parallelism: number;
  /** Encode records of a pipeline without a keyed step as NDJSON text in the worker. */
  ndjsonText: boolean;
  /** Late events are written (`--late`): their lines are kept (see decodingFor). */
  lateOut: boolean;
  /** Where the keyed state this worker owns spills past its share of the memory budget. */
  spill: SpillSettings | null;
}

/** A chunk on the wire: its bytes are `buffer[0, length)`. */
export interface ChunkMsg {
  split: number;
  seq: number;
  firstLine: number;
  lines: number;
  startOffset: number;
  endOffset: number;
  oversized: { line: number; head: Uint8Array }[];
  readAtMs: number;
  buffer: ArrayBuffer;
  length: number;
}

export type ToWorker =
  /** A split whose chunks come next: its slot, name and largest event time so far (resumed). */
  | { t: 'split'; slot: number; name: string; maxTs: number }
  /**
   * `prefix`: largest event time of the split's earlier chunks, when already known; `floor`: the
   * watermark the owners had fired at when the chunk was read (windows complete at it are late).
   */
  | { t: 'chunk'; chunk: ChunkMsg; prefix: number | null; floor: number; header?: string }
  | { t: 'prefix'; split: number; seq: number; prefix: number }
  /**
   * To owners: merge the partials of every chunk up to the seq (inclusive) `upTo` gives its
   * split — flat (split, seq) pairs for the splits released further since the previous round
   * (the others stay where that one said) — then fire the windows complete at `watermark` (and with `early`, emit running results);
   * every owner answers each round with one `fired`.
   */
  | { t: 'advance'; round: number; upTo: number[]; watermark: number; early?: boolean; checkpoint?: boolean }
  /**
   * Before any chunk: the checkpointed entries of the key groups this worker owns, and the runs
   * to adopt (written by the owner of the same key groups) or to read its keys from.
   */
  | { t: 'restore'; entries: OperatorEntry[]; watermark: number; runs?: { adopt: RunInfo[]; foreign: RunInfo[] } }
  /** The checkpoint taken last has committed. */
  | { t: 'committed' }
  /** The job is over: close what must be closed before the thread ends, then reply `closed`. */
  | { t: 'close' }
  /** To an owner that sent a `fired` with `more`: send the next batch of that firing. */
  | { t: 'pull' }
  /** To owners, after the last advance: reply `finished`. */
  | { t: 'finish' }
  | { t: 'peers'; ports: (MessagePort | null)[] };

export type FromWorker =
  | { t: 'max'; split: number; seq: number; maxTs: number }
  | {
      t: 'done';
      split: number;
      seq: number;
      text: string;
      recs: Rec[];
      /** The time of each record in `recs`. */
      times: number[];
      dead: DeadLetter[];
      /** Per bad record: how much output (chars of text, or records) came before it. */
      deadAt: number[];
      /** Late events' lines (with `--late`; else empty) and how many late events there were. */
      late: string[];
      lateCount: number;
      records: number;
      /** Records out of each stage of the chain for this chunk (see ChunkProcessor.passed). */
      passed: number[];
      maxTs: number;
      /** The chunk's buffer, handed back (transferred) for reuse by the reader. */
      buffer?: ArrayBuffer;
    }
  /**
   * A batch of an owner's results for one advance round (possibly none), in result order;
   * `more`: the round goes on, and the owner waits for a `pull` before the next batch.
   */
  | { t: 'fired'; round: number; results: FiredColumns; more: boolean }
  /** After a checkpoint round: the owner's state (answered after its `fired`). */
  | { t: 'snapshot'; round: number; entries: OperatorEntry[]; maxFiredEnd: number; runs: RunInfo[] }
  | { t: 'finished' }
  | { t: 'closed' }
  /** A failure in the worker: the error's class, code, exit code and message, to be rebuilt. */
  | { t: 'error'; error: WireError };

/**
 * Worker to owner: one bundle per processed chunk for every owner (possibly empty), holding
 * the chunk's pre-aggregates for the owner's key groups, or its rows (see AggregateOperator).
 */
export interface PartialBundle {
  t: 'partials';
  split: number;
  seq: number;
  content: BundleContent;
}

/** A chunk's pre-aggregates, then (when its keys did not repeat, see AggregateOperator) its later records as rows. */
export interface BundleContent {
  partials: PartialColumns;
  rows?: RowColumns;
}

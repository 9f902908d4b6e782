import type { OperatorEntry } from './output-pipeline.js';
import type { OwnerRuns } from '../state/run-store.js';
import type { Chunk } from '../chain/chunk.js';

/** How far a chunk got the split it belongs to: reported by the executor when it is released. */
export interface ChunkProgress {
  slot: number;
  seq: number;
  /** The split's position after the chunk (where a restart resumes). */
  endOffset: number;
  endLine: number;
  /** Largest event time of the split's chunks up to this one (−∞ when none had any). */
  maxTs: number;
}

/** What the executor tells the job driver. */
export interface ExecutorEvents {
  /**
   * A chunk is done: its records, bad records and late events were handed to the output, in the
   * order the chunks were submitted (so a split's chunks are released in its order).
   */
  released(progress: ChunkProgress): void;
  /** The executor cannot go on (a worker failed); the job stops with this error. */
  failed(err: Error): void;
}

/** The keyed step's state at a barrier (see Executor.snapshot). */
export interface KeyedSnapshot {
  entries: OperatorEntry[];
  /** The largest end of a window fired so far (see recordedWatermark). */
  maxFiredEnd: number;
  /** The spilled runs the state includes, per owner (the entries are newer than the runs). */
  runs: OwnerRuns[];
}

/** A checkpoint's keyed state for `Executor.start`. */
export interface RestoredKeyed {
  entries: OperatorEntry[];
  watermark: number;
  /** Its runs, and the parallelism (owners) it was taken at. */
  runs?: { parallelism: number; owners: OwnerRuns[] };
}

/**
 * Runs a plan's per-record chain and keyed step over the chunks the job driver submits, on the
 * main thread (`LocalExecutor`) or on worker threads (`ParallelExecutor`). The results are the
 * same, in the same order, whichever runs them. The driver calls `start` once, then `addSplit`
 * before a split's first chunk, `submit` for chunks in each split's order, `advance` as the
 * watermark moves, `snapshot` at checkpoints, `finish` at the end of a bounded input, `close`
 * last (also after a failure). Output goes to the job's output as chunks are released and
 * windows fire.
 */
export interface Executor {
  /** Restores the keyed step's state (its entries by key group, and the watermark it fired at). */
  start(restored: RestoredKeyed | null): void;
  /** A split whose chunks come next: its slot, name and (resumed) largest event time so far. */
  addSplit(slot: number, name: string, maxTs: number): void;
  /**
   * Takes a chunk. `floor` is the watermark fired so far (windows complete at it are late);
   * `header` the split's csv/tsv header row when the chunk starts after it. Resolves once the
   * executor has room for the next one (backpressure); the chunk's buffer is recycled by then or
   * later.
   */
  submit(chunk: Chunk, floor: number, header: string | undefined): Promise<void>;
  /**
   * Fires the keyed step's windows complete at `watermark`, over every chunk released so far
   * (with `early`: also emits running results). Results reach the output in result order.
   */
  advance(watermark: number, early: boolean): void;
  /** Resolves once every submitted chunk is released and every advance's results were output. */
  drain(): Promise<void>;
  /** At a barrier: drains, fires at `watermark`, then snapshots the keyed step's state. */
  snapshot(watermark: number): Promise<KeyedSnapshot>;
  /** The checkpoint of the last `snapshot` has committed (runs it no longer refers to can go). */
  committed(): void;
  /** After the last `advance` (to +∞) of a bounded input: the keyed step finishes. */
  finish(): Promise<void>;
  /** Records that reached the keyed step or the output. */
  readonly records: number;
  /** Records out of each stage of the chain so far: [0] decoded, [i + 1] out of chain step i. */
  stageCounts(): number[];
  close(): Promise<void>;
}

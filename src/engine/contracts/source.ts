/**
 * The source contract, after Flink's FLIP-27: a source is a split enumerator, which finds the
 * splits of the input (one per job, on the main thread), and a split reader, which reads one
 * split from a position. The engine drives both; io implements them (stdin, files, S3).
 */
import type { LineChunk } from './line-chunk.js';

/**
 * A unit of input: stdin, one file, one S3 object. `id` is stable for as long as the input is
 * the same input (a file's identity, not its name): checkpoints key the split's state by it.
 */
export interface SourceSplit {
  readonly id: string;
  /** Shown in errors and dead letters: the path as given or matched, `-`, an S3 URL. */
  readonly name: string;
  /**
   * False for input that cannot be read again from an offset (stdin, a FIFO): it is read once,
   * its lines are handed on as they arrive, and a restart cannot resume its position.
   */
  readonly replayable: boolean;
  /** What finds the split again after a restart (a file's identity); JSON-able, stored in checkpoints. */
  readonly identity: unknown;
  /**
   * The job forgets the split once it has ended: no later checkpoint keeps it. Set by unbounded
   * sources, whose enumerator snapshot remembers what it needs of ended splits (so the state of a
   * job that follows rotating files for months does not grow).
   */
  readonly forgetWhenEnded?: boolean;
}

/** Where reading resumes: every byte before `offset` (lines before `line`) was handed on. */
export interface ReadPosition {
  offset: number;
  line: number;
}

/** A split as a checkpoint remembers it, handed back to the source at restore. */
export interface SavedSplit extends ReadPosition {
  id: string;
  name: string;
  identity: unknown;
  /** The split was read to its end. */
  ended: boolean;
}

/**
 * What the enumerator tells the job. `add`: a split to read, with the saved state it resumes from
 * (null for a split the checkpoint did not know, or one that cannot be resumed; for a split the
 * checkpoint did not know, it may still give the position to read from, as for a copy of a file
 * read on from where that file ended). `no-more-splits`: a bounded source has added all its splits.
 */
export type EnumeratorEvent = { kind: 'add'; split: SourceSplit; resume: SavedSplit | null } | { kind: 'no-more-splits' };

/**
 * Finds the splits (Flink's SplitEnumerator). One per job, on the main thread.
 *
 * - `events` yields each split once, in the order to read them; a split the restored checkpoint
 *   knew comes with its saved state (found by identity, also under a new name after a rotation);
 *   saved splits that are gone are not added. A bounded source ends with `no-more-splits`; an
 *   unbounded one keeps adding splits until `signal` aborts. The iteration ends when `signal`
 *   aborts. Rejects with an `InputError` naming the input that is missing or cannot be read.
 * - `snapshot` is the enumerator's own state for a checkpoint (JSON-able): what it has finished,
 *   a listing cursor. It is handed back at restore; `null` when it keeps none.
 */
export interface SplitEnumerator {
  events(signal: AbortSignal): AsyncIterable<EnumeratorEvent>;
  snapshot(): unknown;
}

/**
 * What reading a split gives: newline-aligned chunks (see LineChunk; consecutive chunks tile the
 * split, so a chunk's `endOffset` is the exact position up to which the split has been handed on),
 * and, when the bytes are damaged part-way (a truncated gzip), the damage: after the last good
 * chunk, with the start of the line it cut off (`tail`, not a line) and that line's number.
 */
export type ReadEvent = { kind: 'chunk'; chunk: LineChunk } | { kind: 'damaged'; line: number; error: string; tail: Buffer };

export interface ReadOptions {
  /** Ends the read at once, also while it waits for input or reads a line that never ends. */
  signal: AbortSignal;
  /** Makes the buffers chunks are cut from (see LineChunk: each owned by one chunk). */
  allocate?: (bytes: number) => Buffer;
}

/**
 * Reads one split (Flink's SplitReader): from `from` (null: its start; ignored for a split that
 * is not replayable) to its end — for a bounded split — as `ReadEvent`s. Chunk boundaries depend
 * only on the content and the start position (the same on every run), except for splits that are
 * not replayable, whose lines are handed on as they arrive. Rejects with an `InputError` naming
 * the split when it cannot be read; ends quietly once `signal` aborts.
 */
export interface SplitReader {
  read(split: SourceSplit, from: ReadPosition | null, options: ReadOptions): AsyncIterable<ReadEvent>;
}

/**
 * A source: its enumerator and its reader. A bounded source ends (Flink's `Boundedness`); an
 * unbounded one (followed files) adds splits and reads them as they grow until the job stops, so
 * the job reads all its splits at once instead of a few at a time.
 */
export interface Source {
  readonly bounded: boolean;
  readonly enumerator: SplitEnumerator;
  readonly reader: SplitReader;
}

/**
 * What a source is restored from: the splits of the checkpoint (by id, with their positions) and
 * its enumerator's snapshot. A fresh job has no splits and a null enumerator state.
 */
export interface SourceRestore {
  splits: SavedSplit[];
  enumerator: unknown;
}

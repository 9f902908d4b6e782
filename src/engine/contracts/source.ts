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
  /**
   * The split was found rotated away from the input that named it (`a.log` → `a.log.1`): it is
   * read on to its end, and is not expected to grow after that.
   */
  readonly rotated?: boolean;
  /**
   * The split never grows (an S3 object): read to its end, it is done, also in a run that keeps
   * its windows open at the end of its input (the source's other input may still come).
   */
  readonly complete?: boolean;
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
 * read on from where that file ended). `no-more-splits`: a bounded source has added all its
 * splits. `initial-splits-added`: an unbounded source has added the splits there are at its start
 * (those of the restored checkpoint found again, and the files its first listing found); more may
 * come. Until one of these two, event time does not move: a split resumed with its watermark
 * could otherwise let windows fire that a split still to come has records for.
 */
export type EnumeratorEvent = { kind: 'add'; split: SourceSplit; resume: SavedSplit | null } | { kind: 'no-more-splits' } | { kind: 'initial-splits-added' };

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
  /** Takes back a buffer from `allocate` that no chunk holds (what a read of a small split left over). */
  recycle?: (buffer: ArrayBufferLike) => void;
}

/**
 * Reads one split (Flink's SplitReader): from `from` (null: its start; ignored for a split that
 * is not replayable) to its end, as `ReadEvent`s. Chunk boundaries depend only on the content and
 * the start position (the same on every run), except for splits that are not replayable or that
 * an unbounded source reads as they grow, whose lines are handed on as they arrive. Rejects with an `InputError` naming the split when it cannot
 * be read; ends quietly once `signal` aborts.
 *
 * A split of an unbounded source has no end in sight: at the end of what is there the read waits
 * for more and reads on (holding a last line without a newline until it is completed), until the
 * source finds the split over (a followed file rotated away, truncated or deleted: it hands on the
 * held line, then ends) or `signal` aborts. Its splits are read while its enumerator runs (the job
 * stops both with one signal): a split may use what the enumerator opened.
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

import type { LineChunk } from '../contracts/line-chunk.js';

export type { DeadLetter } from '../contracts/dead-letter.js';

/**
 * A newline-aligned block of one split's bytes (see LineChunk: an over-long line comes alone,
 * with empty `data`), tagged with where it belongs: the unit of work handed to a processor and,
 * with several workers, transferred to a worker thread. Chunk boundaries never change results:
 * watermarks and lateness are computed per record.
 */
export interface Chunk extends LineChunk {
  /** Index of the split in the job's split list. */
  split: number;
  /** 0-based position of this chunk in its split's chunk sequence. */
  seq: number;
  /** Wall-clock time (epoch ms) the chunk was read: processing and ingestion time. */
  readAtMs: number;
}

export { DEFAULT_CHUNK_BYTES } from '../../engine/contracts/line-chunk.js';

export interface FramerOptions {
  /** Target (and maximum, oversized-free) chunk size in bytes; default 1 MiB. */
  targetChunkBytes?: number;
  /** Longest line kept, `\n` excluded; default 1 MiB. Longer lines are reported as oversized. */
  maxLineBytes?: number;
  /** Bytes of an oversized line kept in `head`; default 4 KiB. */
  headBytes?: number;
  /**
   * Emit the complete lines at the end of every input buffer (for live inputs: stdin, follow).
   * Default false: chunk boundaries depend only on the content and the start offset, not on how
   * the input was cut into buffers — the same on every run and after a resume at `endOffset`.
   */
  eager?: boolean;
  /** Byte offset of the first input byte in the split (when resuming); default 0. */
  startOffset?: number;
  /** Line number of the first input line (when resuming); default 1. */
  firstLine?: number;
  /**
   * Makes the buffers chunks are cut from (each owned by one chunk alone, see LineChunk), e.g.
   * from buffers of processed chunks handed back; default `Buffer.allocUnsafeSlow`.
   */
  allocate?: (bytes: number) => Buffer;
}

export const DEFAULT_MAX_LINE_BYTES = 1 << 20;
export const DEFAULT_HEAD_BYTES = 4096;

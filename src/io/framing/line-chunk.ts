/**
 * A newline-aligned piece of one split, produced by `LineFramer`.
 *
 * - `data` holds whole lines; each ends in `\n` except possibly the last line of the input.
 *   `data` starts at byte 0 of an `ArrayBuffer` that belongs to this chunk alone (never pooled,
 *   never shared with another chunk), so `data.buffer` may be transferred to a worker thread;
 *   the ArrayBuffer may be longer than `data`.
 * - Line k (0-based) of `data` is line `firstLine + k` of the split.
 * - `startOffset`/`endOffset` are byte offsets in the split (decompressed content) of the chunk's
 *   first byte and one past its last byte; consecutive chunks tile the split without gaps, so
 *   `endOffset` is the resume position after this chunk. The one byte range no chunk covers is a
 *   UTF-8 byte order mark at offset 0 (3 bytes): the first chunk then starts at offset 3.
 * - An oversized line (longer than `maxLineBytes`, `\n` excluded) never appears in `data`. It
 *   always comes alone in its own chunk: `data` is empty, `firstLine` is its line number,
 *   `oversized` holds its number and its first bytes, and the offsets cover its full length.
 *   In every other chunk `oversized` is empty. So `data.length === endOffset - startOffset`
 *   exactly when `oversized` is empty.
 */
export interface LineChunk {
  data: Buffer;
  firstLine: number;
  /** Number of lines in the chunk (1 for an oversized line): the next chunk starts at `firstLine + lines`. */
  lines: number;
  startOffset: number;
  endOffset: number;
  oversized: OversizedLine[];
}

/** A line that was too long to keep: its 1-based number and its first `headBytes` bytes. */
export interface OversizedLine {
  line: number;
  head: Buffer;
}

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

export const DEFAULT_CHUNK_BYTES = 1 << 20;
export const DEFAULT_MAX_LINE_BYTES = 1 << 20;
export const DEFAULT_HEAD_BYTES = 4096;

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

/** The size of a full chunk's buffer (1 MiB): the framer cuts to it, the engine reuses such buffers. */
export const DEFAULT_CHUNK_BYTES = 1 << 20;

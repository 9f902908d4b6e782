import { countNewlines } from './count-newlines.js';
import type { LineChunk } from '../../engine/contracts/line-chunk.js';
import { DEFAULT_CHUNK_BYTES, DEFAULT_HEAD_BYTES, DEFAULT_MAX_LINE_BYTES, type FramerOptions } from './framer-options.js';

/** The UTF-8 encoding of U+FEFF, the byte order mark. */
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const NO_BYTES = Buffer.alloc(0);

/**
 * Cuts a stream of byte buffers into newline-aligned `LineChunk`s (see there for the guarantees).
 *
 * Call `push` for every input buffer in order (the buffer may be reused once `push` returns:
 * whatever is kept is copied), `flush` whenever complete lines should go out now
 * (an idle live input), and `end` once at the end of the input. Each returns the chunks completed.
 *
 * Chunking: bytes are copied into an accumulator of `T = min(targetChunkBytes, maxLineBytes + 1)`
 * bytes; when it is full, the chunk is cut after its last `\n`. So every line inside a chunk is
 * at most `maxLineBytes` long, and the framer never scans lines itself (it only counts `\n`s).
 * A full accumulator without any `\n` starts a long line, collected until its `\n`: it becomes a
 * chunk of its own, or an oversized chunk once it passes `maxLineBytes` (from then on only its
 * head is kept and the rest is dropped, so memory stays bounded).
 *
 * A UTF-8 byte order mark at offset 0 of the split is not part of any line: it is dropped here,
 * for every format, so the first chunk starts at offset 3 (and line 1 is still line 1). A mark
 * anywhere else, or when framing resumes at a later offset, is ordinary data.
 */
export class LineFramer {
  private readonly cap: number;
  private readonly maxLine: number;
  private readonly headBytes: number;
  private readonly eager: boolean;
  private readonly allocate: (bytes: number) => Buffer;
  private acc: Buffer;
  private accLen = 0;
  /** Split offset of `acc[0]`, or of the long line's first byte. */
  private offset: number;
  /** Line number of the first line in `acc`, or of the long line. */
  private line: number;
  /** Long-line mode: the pieces of the line so far (no `\n` yet), or null. */
  private longParts: Buffer[] | null = null;
  private longLen = 0;
  /** Set once the long line passed `maxLineBytes`: its first bytes. */
  private head: Buffer | null = null;
  private headLen = 0;
  /** Leading bytes that match the byte order mark so far (held back), or -1 once decided. */
  private bomHeld: number;

  constructor(options: FramerOptions = {}) {
    this.maxLine = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    this.cap = Math.max(1, Math.min(options.targetChunkBytes ?? DEFAULT_CHUNK_BYTES, this.maxLine + 1));
    this.headBytes = options.headBytes ?? DEFAULT_HEAD_BYTES;
    this.eager = options.eager ?? false;
    this.allocate = options.allocate ?? ((bytes) => Buffer.allocUnsafeSlow(bytes));
    this.offset = options.startOffset ?? 0;
    this.line = options.firstLine ?? 1;
    this.bomHeld = this.offset === 0 ? 0 : -1;
    this.acc = this.allocate(this.cap);
  }

  /** Feeds the next input buffer; returns the chunks it completed. The buffer is not modified nor kept. */
  push(buf: Buffer): LineChunk[] {
    const out: LineChunk[] = [];
    if (this.bomHeld >= 0) buf = this.afterBom(buf);
    let pos = 0;
    while (pos < buf.length) {
      if (this.longParts !== null) {
        const nl = buf.indexOf(10, pos);
        this.appendLong(buf, pos, nl < 0 ? buf.length : nl);
        if (nl < 0) break;
        out.push(this.finishLong(true));
        pos = nl + 1;
        continue;
      }
      const n = Math.min(buf.length - pos, this.cap - this.accLen);
      buf.copy(this.acc, this.accLen, pos, pos + n);
      this.accLen += n;
      pos += n;
      if (this.accLen === this.cap) {
        const cut = this.acc.lastIndexOf(10, this.cap - 1);
        if (cut >= 0) {
          out.push(this.cutAcc(cut + 1, false));
        } else {
          const full = this.acc;
          this.acc = this.allocate(this.cap);
          this.accLen = 0;
          this.longParts = [];
          this.appendLong(full, 0, full.length);
        }
      }
    }
    if (this.eager) this.flushInto(out);
    return out;
  }

  /** Emits the complete lines held now (nothing while inside a long line). */
  flush(): LineChunk[] {
    const out: LineChunk[] = [];
    this.flushInto(out);
    return out;
  }

  /** Ends the input: a final line without `\n` is still a line. */
  end(): LineChunk[] {
    if (this.bomHeld > 0) {
      // The input ended inside what could have been a byte order mark: those bytes are data.
      const held = BOM.subarray(0, this.bomHeld);
      this.bomHeld = -1;
      const out = this.push(held);
      return out.concat(this.end());
    }
    if (this.longParts !== null) return [this.finishLong(false)];
    if (this.accLen === 0) return [];
    return [this.cutAcc(this.accLen, this.acc[this.accLen - 1] !== 10)];
  }

  /**
   * After `end`: the accumulator, which no chunk holds, for the next input's framer (see
   * ReadOptions.recycle). The framer is not used after this.
   */
  release(): ArrayBufferLike {
    const buffer = this.acc.buffer;
    this.acc = NO_BYTES;
    this.accLen = 0;
    return buffer;
  }

  /**
   * Ends an input whose bytes are damaged from here on: returns the complete lines held (as from
   * `flush`) and, as `tail`, the first bytes of the unfinished last line (empty when none), which
   * is not a line: it never reached its end. `line` is the number it would have had.
   */
  abandon(): { chunks: LineChunk[]; tail: Buffer; line: number } {
    if (this.longParts !== null) {
      const tail = this.head !== null ? Buffer.from(this.head.subarray(0, this.headLen)) : Buffer.concat(this.longParts).subarray(0, this.headBytes);
      return { chunks: [], tail, line: this.line };
    }
    const chunks = this.flush();
    const tail = Buffer.from(this.acc.subarray(0, Math.min(this.accLen, this.headBytes)));
    return { chunks, tail, line: this.line };
  }

  /**
   * The part of `buf` to frame while the split's first bytes may still be a byte order mark:
   * nothing while they match it (held back), the rest once all three matched (skipped), and the
   * held bytes followed by `buf` once they turn out to be data.
   */
  private afterBom(buf: Buffer): Buffer {
    const held = this.bomHeld;
    let k = held;
    let i = 0;
    while (k < BOM.length && i < buf.length && buf[i] === BOM[k]) {
      k++;
      i++;
    }
    if (k === BOM.length) {
      this.bomHeld = -1;
      this.offset += BOM.length;
      return buf.subarray(i);
    }
    if (i === buf.length) {
      this.bomHeld = k;
      return NO_BYTES;
    }
    this.bomHeld = -1;
    return held === 0 ? buf : Buffer.concat([BOM.subarray(0, held), buf]);
  }

  private flushInto(out: LineChunk[]): void {
    if (this.longParts !== null || this.accLen === 0) return;
    const cut = this.acc.lastIndexOf(10, this.accLen - 1);
    if (cut >= 0) out.push(this.cutAcc(cut + 1, false));
  }

  /** Emits `acc[0, len)`; `partialLast`: its last line has no `\n` (end of input). */
  private cutAcc(len: number, partialLast: boolean): LineChunk {
    const lines = countNewlines(this.acc, 0, len) + (partialLast ? 1 : 0);
    let data: Buffer;
    if (len * 2 >= this.cap) {
      // Big enough: hand the accumulator over and start a fresh one.
      const old = this.acc;
      data = old.subarray(0, len);
      this.acc = this.allocate(this.cap);
      old.copy(this.acc, 0, len, this.accLen);
    } else {
      // Small (eager mode on a slow input): copy out, keep the accumulator.
      data = Buffer.allocUnsafeSlow(len);
      this.acc.copy(data, 0, 0, len);
      this.acc.copy(this.acc, 0, len, this.accLen);
    }
    this.accLen -= len;
    const chunk: LineChunk = {
      data,
      firstLine: this.line,
      lines,
      startOffset: this.offset,
      endOffset: this.offset + len,
      oversized: [],
    };
    this.line += lines;
    this.offset += len;
    return chunk;
  }

  /** Adds `buf[start, end)` (no `\n` in it) to the long line. */
  private appendLong(buf: Buffer, start: number, end: number): void {
    const parts = this.longParts as Buffer[];
    if (this.head === null && this.longLen + (end - start) > this.maxLine) {
      // Too long: from now on keep only the first bytes.
      this.head = Buffer.allocUnsafeSlow(this.headBytes);
      this.headLen = 0;
      for (const p of parts) this.fillHead(p, 0, p.length);
      parts.length = 0;
    }
    if (this.head === null) parts.push(Buffer.from(buf.subarray(start, end)));
    else this.fillHead(buf, start, end);
    this.longLen += end - start;
  }

  private fillHead(buf: Buffer, start: number, end: number): void {
    const head = this.head as Buffer;
    const n = Math.min(end - start, head.length - this.headLen);
    if (n > 0) this.headLen += buf.copy(head, this.headLen, start, start + n);
  }

  /** Ends the long line (with its `\n` when `newline`) and returns its chunk. */
  private finishLong(newline: boolean): LineChunk {
    const total = this.longLen + (newline ? 1 : 0);
    let chunk: LineChunk;
    if (this.head !== null) {
      chunk = {
        data: Buffer.allocUnsafeSlow(0),
        firstLine: this.line,
        lines: 1,
        startOffset: this.offset,
        endOffset: this.offset + total,
        oversized: [{ line: this.line, head: this.head.subarray(0, this.headLen) }],
      };
    } else {
      const data = Buffer.allocUnsafeSlow(total);
      let n = 0;
      for (const p of this.longParts as Buffer[]) n += p.copy(data, n);
      if (newline) data[n] = 10;
      chunk = { data, firstLine: this.line, lines: 1, startOffset: this.offset, endOffset: this.offset + total, oversized: [] };
    }
    this.line += 1;
    this.offset += total;
    this.longParts = null;
    this.longLen = 0;
    this.head = null;
    return chunk;
  }
}

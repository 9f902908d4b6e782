import { COLON, COMMA, DOT, FAIL, HEX, LBRACE, LBRACKET, MINUS, NINE, PLUS, POW10, QUOTE, RBRACE, RBRACKET, SIMPLE_ESCAPE, STR, WS, ZERO } from './bytes.js';
import { MAX_JSON_DEPTH } from './json-depth.js';
import { plainWords } from './plain-words.js';

/** `flags` bit: the last scanned string holds at least one backslash escape. */
export const HAS_ESCAPE = 1;
/** `flags` bit: the last scanned string holds at least one byte ≥ 0x80. */
export const HAS_HIGH = 2;

/** Deeper nesting is a bad record: the scanner reports FAIL and the reference decoder says why. */
const MAX_DEPTH = MAX_JSON_DEPTH;

/**
 * A validating scanner over the bytes `buf[0..end)` of one JSON text.
 *
 * Every `scan*`/`skip*` method takes the position of the first byte of a token and returns the
 * position just after it, or `FAIL` when the bytes there are not valid JSON (or are valid but
 * unusual enough to be left to `JSON.parse`, such as very deep nesting). A returned position is
 * only ever produced for input that `JSON.parse` accepts, so callers may fall back on FAIL.
 *
 * Side results live in fields (no allocation per token): `flags` after `scanString`, `num` after
 * `scanNumber`. One scanner is reused for many lines: call `reset` first.
 */
export class ByteScanner {
  buf: Buffer = Buffer.alloc(0);
  end = 0;
  flags = 0;
  num = 0;
  /** A view of `buf`'s bytes at the same offsets, for reading eight at a time (see plainWords). */
  view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));

  reset(buf: Buffer, end: number): void {
    this.end = end;
    if (buf === this.buf) return;
    this.buf = buf;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  /** The first position at or after `i` that is not JSON whitespace (may be `end`). */
  skipWs(i: number): number {
    const buf = this.buf;
    const end = this.end;
    while (i < end && WS[buf[i]!] === 1) i++;
    return i;
  }

  /** A string starting at the quote `buf[i]`; sets `flags` (HAS_ESCAPE, HAS_HIGH). */
  scanString(i: number): number {
    const buf = this.buf;
    const end = this.end;
    let flags = 0;
    i++;
    for (;;) {
      i = this.plainRun(i);
      if (i >= end) return FAIL;
      const cls = STR[buf[i]!];
      if (cls === 1) {
        this.flags = flags;
        return i + 1;
      }
      if (cls === 4) {
        flags |= HAS_HIGH;
        i++;
      } else if (cls === 2) {
        flags |= HAS_ESCAPE;
        if (i + 1 >= end) return FAIL;
        const e = buf[i + 1]!;
        if (SIMPLE_ESCAPE[e] === 1) i += 2;
        else if (e === 0x75 && i + 5 < end && HEX[buf[i + 2]!]! & HEX[buf[i + 3]!]! & HEX[buf[i + 4]!]! & HEX[buf[i + 5]!]!) i += 6;
        else return FAIL;
      } else {
        return FAIL;
      }
    }
  }

  /** The first position at or after `i` (up to `end`) holding a byte that is special inside a string. */
  private plainRun(i: number): number {
    const buf = this.buf;
    const end = this.end;
    i = plainWords(this.view, i, end);
    while (i < end && STR[buf[i]!] === 0) i++;
    return i;
  }

  /**
   * A number in JSON syntax starting at `i`; sets `num` to the double `JSON.parse` would give.
   * Plain integers and short decimals are converted here (exact: mantissa < 2^53 divided by an
   * exact power of ten rounds once), anything else through `Number` of the text.
   */
  scanNumber(i: number): number {
    const buf = this.buf;
    const end = this.end;
    const start = i;
    const neg = buf[i] === MINUS;
    if (neg) i++;
    if (i >= end) return FAIL;
    let c = buf[i]!;
    let m = 0;
    if (c === ZERO) {
      i++;
    } else if (c > ZERO && c <= NINE) {
      do {
        m = m * 10 + (c - ZERO);
        i++;
      } while (i < end && (c = buf[i]!) >= ZERO && c <= NINE);
    } else {
      return FAIL;
    }
    let scale = 0;
    if (i < end && buf[i] === DOT) {
      const f0 = ++i;
      while (i < end && (c = buf[i]!) >= ZERO && c <= NINE) {
        m = m * 10 + (c - ZERO);
        i++;
      }
      scale = i - f0;
      if (scale === 0) return FAIL;
    }
    let simple = true;
    if (i < end && (buf[i]! | 0x20) === 0x65) {
      i++;
      if (i < end && (buf[i] === PLUS || buf[i] === MINUS)) i++;
      const e0 = i;
      while (i < end && (c = buf[i]!) >= ZERO && c <= NINE) i++;
      if (i === e0) return FAIL;
      simple = false;
    }
    if (simple && m <= Number.MAX_SAFE_INTEGER && scale <= 22) {
      const v = scale === 0 ? m : m / POW10[scale]!;
      this.num = neg ? -v : v;
    } else {
      this.num = Number(buf.toString('latin1', start, i));
    }
    return i;
  }

  /** `true`, `false` or `null` starting at `i`. */
  scanLiteral(i: number): number {
    const buf = this.buf;
    const c = buf[i];
    const n = c === 0x66 ? 5 : 4;
    if (i + n > this.end) return FAIL;
    if (c === 0x74) return buf[i + 1] === 0x72 && buf[i + 2] === 0x75 && buf[i + 3] === 0x65 ? i + 4 : FAIL;
    if (c === 0x6e) return buf[i + 1] === 0x75 && buf[i + 2] === 0x6c && buf[i + 3] === 0x6c ? i + 4 : FAIL;
    if (c === 0x66) {
      return buf[i + 1] === 0x61 && buf[i + 2] === 0x6c && buf[i + 3] === 0x73 && buf[i + 4] === 0x65 ? i + 5 : FAIL;
    }
    return FAIL;
  }

  /**
   * Any JSON value starting at `i` (no leading whitespace), validated and skipped. `depth`: the
   * nesting level of the object or array holding it (0 for a value on its own); FAIL when the
   * value would nest deeper than `MAX_JSON_DEPTH` levels in all.
   */
  skipValue(i: number, depth = 0): number {
    if (i >= this.end) return FAIL;
    const c = this.buf[i]!;
    if (c === QUOTE) return this.scanString(i);
    if (c === LBRACE) return depth < MAX_DEPTH ? this.skipObject(i, depth + 1) : FAIL;
    if (c === LBRACKET) return depth < MAX_DEPTH ? this.skipArray(i, depth + 1) : FAIL;
    if (c === MINUS || (c >= ZERO && c <= NINE)) return this.scanNumber(i);
    return this.scanLiteral(i);
  }

  private skipObject(i: number, depth: number): number {
    const buf = this.buf;
    i = this.skipWs(i + 1);
    if (i < this.end && buf[i] === RBRACE) return i + 1;
    for (;;) {
      if (i >= this.end || buf[i] !== QUOTE) return FAIL;
      i = this.scanString(i);
      if (i === FAIL) return FAIL;
      i = this.skipWs(i);
      if (i >= this.end || buf[i] !== COLON) return FAIL;
      i = this.skipValue(this.skipWs(i + 1), depth);
      if (i === FAIL) return FAIL;
      i = this.skipWs(i);
      if (i >= this.end) return FAIL;
      const d = buf[i];
      if (d === RBRACE) return i + 1;
      if (d !== COMMA) return FAIL;
      i = this.skipWs(i + 1);
    }
  }

  private skipArray(i: number, depth: number): number {
    const buf = this.buf;
    i = this.skipWs(i + 1);
    if (i < this.end && buf[i] === RBRACKET) return i + 1;
    for (;;) {
      i = this.skipValue(i, depth);
      if (i === FAIL) return FAIL;
      i = this.skipWs(i);
      if (i >= this.end) return FAIL;
      const d = buf[i];
      if (d === RBRACKET) return i + 1;
      if (d !== COMMA) return FAIL;
      i = this.skipWs(i + 1);
    }
  }
}

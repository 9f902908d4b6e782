import { setField, type Rec } from '../../../common/record.js';
import type { ByteLineDecoder } from '../../../engine/contracts/decoder.js';
import { JsonDecoder } from './json-decoder.js';
import { ByteScanner, HAS_ESCAPE, HAS_HIGH } from './byte-scanner.js';
import { COLON, COMMA, DOT, FAIL, HEX, LBRACE, LBRACKET, MINUS, NINE, POW10, QUOTE, RBRACE, SIMPLE_ESCAPE, STR, WS, ZERO } from './bytes.js';
import { createIsoBytesParser } from '../../../common/time/parse-iso-bytes.js';
import { KeyTemplates } from './key-templates.js';
import { MAX_INTERNED_BYTES, StringInterner } from './string-interner.js';
import { plainWords } from './plain-words.js';
import { FieldTable } from './field-table.js';
import { compositeAt, stringAt, utf8 } from './materialise.js';
import { RecordBuilder } from './record-builder.js';

export type { ByteLineDecoder } from '../../../engine/contracts/decoder.js';

export interface ProjectorOptions {
  /**
   * A requested field holding the event time as ISO-8601 text: values of the usual shape are
   * parsed from the bytes into `time` (see createIsoBytesParser). Other values stay in the record.
   */
  timeField?: string;
  /**
   * False when the record needs no copy of the time field once its time was read (nothing else
   * reads it): the string is then not made at all. Default true.
   */
  keepTime?: boolean;
}

/**
 * NDJSON with projection push-down: the result holds only the requested top-level `fields` that
 * the line has, in the order they appear in the line, exactly as `JSON.parse` of the line
 * followed by picking those fields would give (duplicate keys: last value wins, first position).
 *
 * The whole line is still validated, skipped values included, so a bad line is never accepted.
 * Anything the byte scanner does not handle (invalid JSON, nesting deeper than `MAX_JSON_DEPTH`,
 * a top-level non-object) goes through `JsonDecoder`, which produces the exact error or result.
 */
export function createJsonProjector(fields: string[], options: ProjectorOptions = {}): ByteLineDecoder {
  return new JsonProjector(fields, options);
}

class JsonProjector implements ByteLineDecoder {
  private readonly scanner = new ByteScanner();
  private readonly table: FieldTable;
  private readonly builder: RecordBuilder;
  private readonly reference = new JsonDecoder();
  private readonly templates = new KeyTemplates();
  /** The time field's index in the table, or -2 (never a key's index: -1 is "not requested"). */
  private readonly timeK: number;
  private readonly keepTime: boolean;
  private readonly parseTime = createIsoBytesParser();
  time = NaN;
  /** Per field: its string interner, undefined before first use, null once found not useful. */
  private readonly interners: (StringInterner | null | undefined)[] = [];

  constructor(fields: string[], options: ProjectorOptions) {
    this.table = new FieldTable(options.timeField === undefined ? fields : [...fields, options.timeField]);
    this.builder = new RecordBuilder(this.table.names);
    this.timeK = options.timeField === undefined ? -2 : this.table.matchString(options.timeField);
    this.keepTime = options.keepTime ?? true;
  }

  decode(buf: Buffer, start: number, end: number): Rec | undefined {
    this.time = NaN;
    const rec = this.scan(buf, start, end);
    if (rec !== null) return rec;
    this.time = NaN;
    if (isBlank(buf, start, end)) return undefined;
    return this.fallback(buf, start, end);
  }

  /**
   * The record, or null when the line must go through the reference decoder. One function with
   * local state, since this is the hot path of every json pipeline: keys are first matched
   * against the key templates (see KeyTemplates), strings are skipped eight bytes at a time
   * (see plainWords), short numbers are converted inline. Loops may look past `end` (into the
   * next line, or at `undefined` past the buffer): such a line fails, since positions only grow
   * and a record is only returned when the scan ends exactly at `end`.
   */
  private scan(buf: Buffer, start: number, end: number): Rec | null {
    const s = this.scanner;
    const table = this.table;
    const templates = this.templates;
    const builder = this.builder;
    s.reset(buf, end);
    const view = s.view;
    let i = start;
    let c = buf[i]!;
    while (c <= 0x20 && WS[c] === 1) c = buf[++i]!;
    if (c !== LBRACE) return null;
    builder.begin();
    c = buf[++i]!;
    while (c <= 0x20 && WS[c] === 1) c = buf[++i]!;
    if (c === RBRACE) return this.atEnd(i + 1, end) ? {} : null;
    for (let ord = 0; ; ord++) {
      if (c !== QUOTE) return null;
      let k: number;
      if (ord < templates.count && templates.matches(view, i + 1, end, ord)) {
        k = templates.fields[ord]!;
        i += 1 + templates.lengths[ord]!;
      } else {
        const key = i;
        i = s.scanString(i);
        if (i === FAIL) return null;
        if (s.flags === 0) {
          k = table.matchBytes(buf, key + 1, i - 1);
          if (buf[i] === COLON) templates.learn(ord, buf, key + 1, i + 1, k);
        } else {
          k = table.matchString(stringAt(buf, key, i, s.flags));
        }
        c = buf[i]!;
        while (c <= 0x20 && WS[c] === 1) c = buf[++i]!;
        if (c !== COLON) return null;
        i++;
      }
      if (k === this.timeK) this.time = NaN;
      c = buf[i]!;
      while (c <= 0x20 && WS[c] === 1) c = buf[++i]!;
      const v = i;
      if (c === QUOTE) {
        let flags = 0;
        i++;
        for (;;) {
          i = plainWords(view, i, end);
          while (STR[(c = buf[i]!)] === 0) i++;
          const cls = STR[c];
          if (cls === 1) break;
          if (cls === 4) {
            flags |= HAS_HIGH;
            i++;
          } else if (cls === 2) {
            flags |= HAS_ESCAPE;
            if (i + 1 >= end) return null;
            const e = buf[i + 1]!;
            if (SIMPLE_ESCAPE[e] === 1) i += 2;
            else if (e === 0x75 && i + 5 < end && HEX[buf[i + 2]!]! & HEX[buf[i + 3]!]! & HEX[buf[i + 4]!]! & HEX[buf[i + 5]!]!) i += 6;
            else return null;
          } else {
            return null;
          }
        }
        if (i >= end) return null;
        i++;
        if (k === this.timeK) {
          const t = flags === 0 ? this.parseTime(buf, v + 1, i - 1) : NaN;
          this.time = t;
          if (this.keepTime || t !== t) builder.put(k, stringAt(buf, v, i, flags));
        } else if (k >= 0) {
          const interner = this.interners[k];
          builder.put(
            k,
            flags === 0 && interner !== null && i - v - 2 <= MAX_INTERNED_BYTES ? this.intern(k, interner, buf, v + 1, i - 1) : stringAt(buf, v, i, flags),
          );
        }
      } else if (c === MINUS || (c >= ZERO && c <= NINE)) {
        if (c === MINUS) c = buf[++i]!;
        let m = 0;
        if (c === ZERO) {
          c = buf[++i]!;
        } else if (c > ZERO && c <= NINE) {
          do {
            m = m * 10 + (c - ZERO);
            c = buf[++i]!;
          } while (c >= ZERO && c <= NINE);
        } else {
          return null;
        }
        let scale = 0;
        if (c === DOT) {
          const f0 = i + 1;
          c = buf[++i]!;
          while (c >= ZERO && c <= NINE) {
            m = m * 10 + (c - ZERO);
            c = buf[++i]!;
          }
          scale = i - f0;
          if (scale === 0) return null;
        }
        if ((c | 0x20) === 0x65 || m > Number.MAX_SAFE_INTEGER || scale > 22 || i > end) {
          // Exponents and long numbers: the scanner's exact path.
          i = s.scanNumber(v);
          if (i === FAIL) return null;
          if (k >= 0) builder.put(k, s.num);
        } else if (k >= 0) {
          const x = scale === 0 ? m : m / POW10[scale]!;
          builder.put(k, buf[v] === MINUS ? -x : x);
        }
      } else if (c === LBRACE || c === LBRACKET) {
        // Level 1 is the record itself.
        i = s.skipValue(i, 1);
        if (i === FAIL) return null;
        if (k >= 0) builder.put(k, compositeAt(buf, v, i));
      } else {
        i = s.scanLiteral(i);
        if (i === FAIL) return null;
        if (k >= 0) builder.put(k, c === 0x74 ? true : c === 0x66 ? false : null);
      }
      c = buf[i]!;
      while (c <= 0x20 && WS[c] === 1) c = buf[++i]!;
      if (c === COMMA) {
        c = buf[++i]!;
        while (c <= 0x20 && WS[c] === 1) c = buf[++i]!;
        continue;
      }
      if (c !== RBRACE) return null;
      return this.atEnd(i + 1, end) ? builder.finish() : null;
    }
  }

  /** A plain string of field `k`, through its interner (made on first use; dropped when not useful). */
  private intern(k: number, interner: StringInterner | undefined, buf: Buffer, start: number, end: number): string {
    if (interner === undefined) {
      interner = new StringInterner();
      this.interners[k] = interner;
    }
    const s = interner.get(buf, start, end);
    if (!interner.useful) this.interners[k] = null;
    return s;
  }

  /** True when only whitespace lies in `buf[i, end)` (false when `i` is already past `end`). */
  private atEnd(i: number, end: number): boolean {
    const buf = this.scanner.buf;
    while (i < end && WS[buf[i]!] === 1) i++;
    return i === end;
  }

  private fallback(buf: Buffer, start: number, end: number): Rec | undefined {
    const full = this.reference.decode(utf8(buf, start, end));
    if (full === undefined) return undefined;
    const rec: Rec = {};
    for (const key of Object.keys(full)) {
      if (this.table.matchString(key) >= 0) setField(rec, key, full[key]!);
    }
    return rec;
  }
}

/** The bytes `JsonDecoder` treats as a blank line: spaces, tabs and CRs only (LF is not blank). */
function isBlank(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = buf[i];
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}

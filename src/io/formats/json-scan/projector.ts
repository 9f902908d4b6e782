import type { Rec, Value } from '../../../engine/record.js';
import { JsonDecoder } from '../json.js';
import { ByteScanner } from './byte-scanner.js';
import { COLON, COMMA, FAIL, LBRACE, LBRACKET, MINUS, NINE, QUOTE, RBRACE, ZERO } from './bytes.js';
import { FieldTable } from './field-table.js';
import { compositeAt, stringAt, utf8 } from './materialise.js';
import { RecordBuilder, setField } from './record-builder.js';

/**
 * Turns the bytes of one line into a record, without making a string of the whole line.
 * `buf[start..end)` is the line without its line break (a trailing CR may already be removed).
 *
 * - returns a record, or `undefined` for a blank line (spaces, tabs, CR only);
 * - throws `DecodeError` for a bad line, with the same message as the string decoder.
 */
export interface ByteLineDecoder {
  decode(buf: Buffer, start: number, end: number): Rec | undefined;
}

/**
 * NDJSON with projection push-down: the result holds only the requested top-level `fields` that
 * the line has, in the order they appear in the line, exactly as `JSON.parse` of the line
 * followed by picking those fields would give (duplicate keys: last value wins, first position).
 *
 * The whole line is still validated, skipped values included, so a bad line is never accepted.
 * Anything the byte scanner does not handle (invalid JSON, a byte order mark, very deep nesting,
 * a top-level non-object) goes through `JsonDecoder`, which produces the exact error or result.
 */
export function createJsonProjector(fields: string[]): ByteLineDecoder {
  return new JsonProjector(fields);
}

class JsonProjector implements ByteLineDecoder {
  private readonly scanner = new ByteScanner();
  private readonly table: FieldTable;
  private readonly builder: RecordBuilder;
  private readonly reference = new JsonDecoder();

  constructor(fields: string[]) {
    this.table = new FieldTable(fields);
    this.builder = new RecordBuilder(this.table.names);
  }

  decode(buf: Buffer, start: number, end: number): Rec | undefined {
    const rec = this.scan(buf, start, end);
    if (rec !== null) return rec;
    if (isBlank(buf, start, end)) return undefined;
    return this.fallback(buf, start, end);
  }

  /** The record, or null when the line must go through the reference decoder. */
  private scan(buf: Buffer, start: number, end: number): Rec | null {
    const s = this.scanner;
    const table = this.table;
    s.reset(buf, end);
    let i = s.skipWs(start);
    if (i >= end || buf[i] !== LBRACE) return null;
    this.builder.begin();
    i = s.skipWs(i + 1);
    if (i < end && buf[i] === RBRACE) return s.skipWs(i + 1) === end ? {} : null;
    for (;;) {
      if (i >= end || buf[i] !== QUOTE) return null;
      const key = i;
      i = s.scanString(i);
      if (i === FAIL) return null;
      const k = s.flags === 0
        ? table.matchBytes(buf, key + 1, i - 1)
        : table.matchString(stringAt(buf, key, i, s.flags));
      i = s.skipWs(i);
      if (i >= end || buf[i] !== COLON) return null;
      i = s.skipWs(i + 1);
      if (k < 0) {
        i = s.skipValue(i);
      } else {
        i = this.readInto(k, i);
      }
      if (i === FAIL) return null;
      i = s.skipWs(i);
      if (i >= end) return null;
      const d = buf[i];
      if (d === RBRACE) return s.skipWs(i + 1) === end ? this.builder.finish() : null;
      if (d !== COMMA) return null;
      i = s.skipWs(i + 1);
    }
  }

  /** Reads the value at `i` as field `k`; returns the position after it or FAIL. */
  private readInto(k: number, i: number): number {
    const s = this.scanner;
    const buf = s.buf;
    if (i >= s.end) return FAIL;
    const c = buf[i]!;
    let value: Value;
    let next: number;
    if (c === QUOTE) {
      next = s.scanString(i);
      if (next === FAIL) return FAIL;
      value = stringAt(buf, i, next, s.flags);
    } else if (c === MINUS || (c >= ZERO && c <= NINE)) {
      next = s.scanNumber(i);
      value = s.num;
    } else if (c === LBRACE || c === LBRACKET) {
      next = s.skipValue(i);
      if (next === FAIL) return FAIL;
      value = compositeAt(buf, i, next);
    } else {
      next = s.scanLiteral(i);
      value = c === 0x74 ? true : c === 0x66 ? false : null;
    }
    if (next !== FAIL) this.builder.put(k, value);
    return next;
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

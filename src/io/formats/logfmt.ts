import { setField, type Rec } from '../../common/record.js';
import { DecodeError, type LineDecoder } from '../../engine/contracts/decoder.js';
import { FieldSet } from './field-set.js';
import { bareValue, closingQuote, unescapeQuoted } from './logfmt-values.js';

const SPACE = 32;
const TAB = 9;
const EQ = 61;
const QUOTE = 34;

/**
 * logfmt: `key=value key2="quoted \" value" flag`.
 * - a bare key is `true`; `key=` is the empty string;
 * - unquoted values: numbers (see `parseNumber`) and `true`/`false` are typed, the rest are text;
 *   a quoted value is always text (with `\"`, `\\`, `\n`, `\t`, `\r` unescaped);
 * - keys are literal (`a.b` is one top-level key); a repeated key keeps its last value;
 * - an unterminated quote or a `=` without a key is a DecodeError.
 *
 * With `fields` (projection push-down) only those keys are kept: the same values and key order
 * as the full decode with the other keys dropped. Other keys are scanned over without being
 * sliced or converted, but their syntax is still checked, so a line is rejected exactly when the
 * full decode rejects it. A wanted key is assigned at every occurrence, in line order, as the
 * full decode does (integer-like keys first, as in any JS object; the last value of a repeat).
 */
export class LogfmtDecoder implements LineDecoder {
  private readonly fields: FieldSet | null;

  constructor(fields: readonly string[] | null = null) {
    this.fields = fields === null ? null : new FieldSet(fields);
  }

  decode(line: string): Rec | undefined {
    const rec: Rec = {};
    const fields = this.fields;
    const n = line.length;
    let i = 0;
    let any = false;
    while (i < n) {
      let c = line.charCodeAt(i);
      if (c === SPACE || c === TAB || c === 13) {
        i++;
        continue;
      }
      const keyStart = i;
      while (i < n && (c = line.charCodeAt(i)) !== EQ && c !== SPACE && c !== TAB) i++;
      if (i === keyStart) throw new DecodeError(`logfmt: "=" without a key at column ${i + 1}`);
      const key = fields === null ? line.slice(keyStart, i) : fields.find(line, keyStart, i);
      any = true;
      if (i >= n || c !== EQ) {
        if (key !== undefined) setField(rec, key, true);
        continue;
      }
      const keyEnd = i;
      i++; // past '='
      if (i < n && line.charCodeAt(i) === QUOTE) {
        const end = closingQuote(line, i + 1);
        if (end < 0) {
          throw new DecodeError(`logfmt: unterminated quoted value for key "${shown(line, keyStart, keyEnd)}"`);
        }
        if (key !== undefined) setField(rec, key, unescapeQuoted(line, i + 1, end));
        i = end + 1;
      } else {
        const start = i;
        while (i < n && (c = line.charCodeAt(i)) !== SPACE && c !== TAB) i++;
        if (key !== undefined) setField(rec, key, bareValue(line.slice(start, i)));
      }
    }
    return any ? rec : undefined;
  }
}

/** A key as an error message shows it: at most 100 characters (the dead letter keeps the line). */
function shown(line: string, start: number, end: number): string {
  return end - start > 100 ? line.slice(start, start + 100) + '…' : line.slice(start, end);
}

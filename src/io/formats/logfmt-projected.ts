import type { Rec } from '../../engine/record.js';
import { DecodeError, type LineDecoder } from './decoder.js';
import { FieldSet } from './field-set.js';
import { bareValue, closingQuote, unescape } from './logfmt-values.js';

const SPACE = 32;
const TAB = 9;
const EQ = 61;
const QUOTE = 34;

/**
 * logfmt with projection push-down: for every line, `decode` equals `LogfmtDecoder.decode`
 * with only the keys in `fields` kept (same values, same key order, the same `undefined` for a
 * blank line), and throws the same DecodeError for a bad line. Other keys are scanned over
 * without being sliced or converted, but their syntax is still checked (an unterminated quote
 * or a `=` without a key anywhere in the line rejects it).
 *
 * Key order: a wanted key is assigned at every occurrence, in line order, exactly as the full
 * decoder does, so the record keeps the full decoder's order (integer-like keys first, as in
 * any JS object, then first occurrence) and the last value of a repeated key.
 */
export class LogfmtProjector implements LineDecoder {
  private readonly fields: FieldSet;

  constructor(fields: readonly string[]) {
    this.fields = new FieldSet(fields);
  }

  decode(line: string): Rec | undefined {
    const rec: Rec = {};
    const fields = this.fields;
    const n = line.length;
    let i = line.charCodeAt(0) === 0xfeff ? 1 : 0;
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
      const key = fields.find(line, keyStart, i);
      any = true;
      if (i >= n || c !== EQ) {
        if (key !== undefined) rec[key] = true;
        continue;
      }
      const keyEnd = i;
      i++; // past '='
      if (i < n && line.charCodeAt(i) === QUOTE) {
        const end = closingQuote(line, i + 1);
        if (end < 0) {
          throw new DecodeError(`logfmt: unterminated quoted value for key "${line.slice(keyStart, keyEnd)}"`);
        }
        if (key !== undefined) rec[key] = unescape(line, i + 1, end);
        i = end + 1;
      } else {
        const start = i;
        while (i < n && (c = line.charCodeAt(i)) !== SPACE && c !== TAB) i++;
        if (key !== undefined) rec[key] = bareValue(line.slice(start, i));
      }
    }
    return any ? rec : undefined;
  }
}

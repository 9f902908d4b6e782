import type { Rec } from '../../engine/record.js';
import { DecodeError, type LineDecoder } from './decoder.js';
import { bareValue, closingQuote, unescape } from './logfmt-values.js';

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
 */
export class LogfmtDecoder implements LineDecoder {
  decode(line: string): Rec | undefined {
    const rec: Rec = {};
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
      const key = line.slice(keyStart, i);
      any = true;
      if (i >= n || c !== EQ) {
        rec[key] = true;
        continue;
      }
      i++; // past '='
      if (i < n && line.charCodeAt(i) === QUOTE) {
        const end = closingQuote(line, i + 1);
        if (end < 0) throw new DecodeError(`logfmt: unterminated quoted value for key "${key}"`);
        rec[key] = unescape(line, i + 1, end);
        i = end + 1;
      } else {
        const start = i;
        while (i < n && (c = line.charCodeAt(i)) !== SPACE && c !== TAB) i++;
        rec[key] = bareValue(line.slice(start, i));
      }
    }
    return any ? rec : undefined;
  }
}

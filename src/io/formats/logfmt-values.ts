import type { Value } from '../../common/record.js';
import { parseNumber } from '../../common/scalar.js';

const QUOTE = 34;
const BACKSLASH = 92;

/** An unquoted logfmt value: `true`/`false`, a number (see `parseNumber`), else the text. */
export function bareValue(s: string): Value {
  if (s === 'true') return true;
  if (s === 'false') return false;
  const num = parseNumber(s);
  return num === undefined ? s : num;
}

/** Index of the `"` closing a quoted value whose content starts at `from`, or -1. */
export function closingQuote(line: string, from: number): number {
  for (let i = from; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return i;
  }
  return -1;
}

/** The quoted value `line[start, end)` with `\"`, `\\`, `\n`, `\t`, `\r` (and `\x` = x) unescaped. */
export function unescapeQuoted(line: string, start: number, end: number): string {
  const bs = line.indexOf('\\', start);
  if (bs < 0 || bs >= end) return line.slice(start, end);
  let out = '';
  let from = start;
  for (let i = bs; i < end; i++) {
    if (line.charCodeAt(i) !== BACKSLASH) continue;
    out += line.slice(from, i);
    const e = line[i + 1];
    out += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
    i++;
    from = i + 1;
  }
  return out + line.slice(from, end);
}

import type { Value } from '../../common/record.js';
import { parseNumber } from '../../common/scalar.js';

const METHOD = /^[A-Z]+$/;
const ESCAPED = /\\(["\\])/g;

/** `-` (and an empty field) is null. */
export function dash(s: string): string | null {
  return s === '-' || s === '' ? null : s;
}

/** `status`, `bytes`: `-` is null, a number is a number, anything else stays text. */
export function numeric(s: string): Value {
  if (s === '-') return null;
  const n = parseNumber(s);
  return n === undefined ? s : n;
}

/** method, path, protocol of a request line (see `ClfDecoder`). */
export function splitRequest(req: string): [string | null, string | null, string | null] {
  if (req === '-' || req === '') return [null, null, null];
  const a = req.indexOf(' ');
  const b = req.lastIndexOf(' ');
  if (a > 0 && b > a && req.startsWith('HTTP/', b + 1)) {
    return [req.slice(0, a), req.slice(a + 1, b), req.slice(b + 1)];
  }
  if (a > 0 && a === b && METHOD.test(req.slice(0, a))) return [req.slice(0, a), req.slice(a + 1), null];
  return [null, req, null];
}

/** A quoted field's text with `\"` and `\\` unescaped. */
export function unescapeQuoted(s: string): string {
  return s.indexOf('\\') < 0 ? s : s.replace(ESCAPED, '$1');
}

/**
 * Value coercions shared by the expression operators and functions (SPEC §2).
 *
 * Numbers and numeric strings meet numerically, because formats such as logfmt and csv give every
 * field as a string: `status >= 500` must hold for `status="503"`.
 */
import type { Value } from '../../common/record.js';

/**
 * Truthiness for `where`, `and`, `or`, `not` and `if`: `null`, `false`, `0`, `NaN` and `""` are
 * falsy (as in awk); everything else, empty arrays and objects included, is truthy.
 */
export function truthy(v: Value): boolean {
  if (v === null) return false;
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'number':
      return v !== 0 && v === v;
    case 'string':
      return v.length > 0;
    default:
      return true;
  }
}

/**
 * A string as a number, or NaN when it is not a plain decimal number (optionally signed, with a
 * fraction and an exponent, surrounding blanks allowed). Hex, `Infinity` and blank strings are not
 * numbers here, although `Number()` would accept them.
 */
export function parseNumeric(s: string): number {
  const n = s.length;
  if (n === 0) return NaN;
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(n - 1);
  // Cheap shape test so that Number() is only asked about plausible strings.
  if (!(isDigit(first) || first === 43 /* + */ || first === 45 /* - */ || first === 46 /* . */ || first === 32)) {
    return NaN;
  }
  if (!(isDigit(last) || last === 46 || last === 32)) return NaN;
  if (n > 1 && first === 48 /* 0 */) {
    const second = s.charCodeAt(1) | 0x20;
    if (second === 120 /* x */ || second === 98 /* b */ || second === 111 /* o */) return NaN;
  }
  if (first === 32 || last === 32) {
    const t = s.trim();
    return t.length === 0 ? NaN : parseNumeric(t);
  }
  return Number(s);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * A value as a number for arithmetic and numeric functions: numbers as they are, numeric strings
 * parsed, booleans as 1/0; anything else (null, other strings, arrays, objects) is NaN.
 */
export function toNumber(v: Value): number {
  switch (typeof v) {
    case 'number':
      return v;
    case 'string':
      return parseNumeric(v);
    case 'boolean':
      return v ? 1 : 0;
    default:
      return NaN;
  }
}

/**
 * Equality for `==`, `!=` and `in`, on two non-null values: a number equals a numeric string with
 * the same value; a boolean equals the string `"true"`/`"false"`; arrays and objects compare
 * structurally. Callers handle `null` (SPEC: comparisons with null are false).
 */
export function valuesEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  const ta = typeof a;
  const tb = typeof b;
  if (ta === tb) {
    if (ta === 'object' && a !== null && b !== null) return deepEqual(a, b);
    return false;
  }
  if (ta === 'number' && tb === 'string') return a === parseNumeric(b as string);
  if (ta === 'string' && tb === 'number') return parseNumeric(a as string) === b;
  if (ta === 'boolean' && tb === 'string') return (a ? 'true' : 'false') === b;
  if (ta === 'string' && tb === 'boolean') return a === (b ? 'true' : 'false');
  return false;
}

function deepEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i]!, b[i]!)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b, k) || !deepEqual(a[k]!, b[k]!)) return false;
  }
  return true;
}

/**
 * Ordering for `< <= > >=` on two non-null values: negative, zero or positive, or NaN when the
 * two cannot be ordered. Numbers (and a number against a numeric string) compare numerically,
 * two strings lexicographically (by UTF-16 code units), two booleans as false < true; any
 * other pair is unordered, so every ordering comparison on it is false.
 */
export function compareValues(a: Value, b: Value): number {
  const ta = typeof a;
  const tb = typeof b;
  if (ta === 'number') {
    if (tb === 'number') return (a as number) - (b as number);
    if (tb === 'string') return (a as number) - parseNumeric(b as string);
    return NaN;
  }
  if (ta === 'string') {
    if (tb === 'string') return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
    if (tb === 'number') return parseNumeric(a as string) - (b as number);
    return NaN;
  }
  if (ta === 'boolean' && tb === 'boolean') return (a ? 1 : 0) - (b ? 1 : 0);
  return NaN;
}

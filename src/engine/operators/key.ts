import { hasNonFinite } from '../../common/json-text.js';
import type { Value } from '../../common/record.js';

/**
 * The grouping key of a record as one string: distinct for distinct `by` values
 * (`1` and `"1"` differ, `null` is a key of its own, and so is each number that is not finite).
 */
export function keyOf(keyVals: Value[]): string {
  if (keyVals.length === 1) {
    const v = keyVals[0];
    if (typeof v === 'string') return 's' + v;
    if (typeof v === 'number') return 'n' + v;
  }
  const text = JSON.stringify(keyVals);
  // Only a null or a non-finite number writes `null`; the latter needs the marked form.
  if (text.indexOf('null') < 0 || !hasNonFinite(keyVals)) return 'j' + text;
  return 'x' + JSON.stringify(keyVals, markNonFinite);
}

/** The `by` values a key string was made from (the inverse of `keyOf`, up to -0 ≡ 0). */
export function keyValsOf(key: string): Value[] {
  const tag = key.charCodeAt(0);
  if (tag === 115 /* s */) return [key.slice(1)];
  if (tag === 110 /* n */) return [Number(key.slice(1))];
  if (tag === 120 /* x */) return JSON.parse(key.slice(1), unmarkNonFinite) as Value[];
  return JSON.parse(key.slice(1)) as Value[];
}

// The marked form (tag `x`): a non-finite number is written as NUL + its name, and a string that
// starts with NUL gets one more NUL in front, so that the text maps back to exactly one value.
const NUL = '\u0000';

function markNonFinite(_key: string, v: unknown): unknown {
  if (typeof v === 'number') return v - v === 0 ? v : NUL + String(v);
  if (typeof v === 'string' && v.charCodeAt(0) === 0) return NUL + v;
  return v;
}

function unmarkNonFinite(_key: string, v: unknown): unknown {
  if (typeof v !== 'string' || v.charCodeAt(0) !== 0) return v;
  return v.charCodeAt(1) === 0 ? v.slice(1) : Number(v.slice(1));
}

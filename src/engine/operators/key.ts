import type { Value } from '../record.js';

/**
 * The grouping key of a record as one string: distinct for distinct `by` values
 * (`1` and `"1"` differ, `null` is a key of its own).
 */
export function keyOf(keyVals: Value[]): string {
  if (keyVals.length === 1) {
    const v = keyVals[0];
    if (typeof v === 'string') return 's' + v;
    if (typeof v === 'number') return 'n' + v;
  }
  return 'j' + JSON.stringify(keyVals);
}

/** The `by` values a key string was made from (the inverse of `keyOf`, up to -0 ≡ 0). */
export function keyValsOf(key: string): Value[] {
  const tag = key.charCodeAt(0);
  if (tag === 115 /* s */) return [key.slice(1)];
  if (tag === 110 /* n */) return [Number(key.slice(1))];
  return JSON.parse(key.slice(1)) as Value[];
}

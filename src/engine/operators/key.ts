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

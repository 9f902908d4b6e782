import type { Value } from '../../common/record.js';
import { keyValsOf } from './key.js';
import { compareValues } from './result-order.js';

/**
 * The order of key strings (see keyOf) that compareResults gives their `by` values, without
 * rebuilding the values where the key shows them: two single strings compare as strings, two
 * single numbers as numbers; anything else compares the decoded values.
 */
export function compareKeys(a: string, b: string): number {
  const ta = a.charCodeAt(0);
  const tb = b.charCodeAt(0);
  if (ta === 115 /* s */ && tb === 115) return a < b ? -1 : a > b ? 1 : 0;
  if (ta === 110 /* n */ && tb === 110) return compareValues(Number(a.slice(1)), Number(b.slice(1)));
  return compareVals(keyValsOf(a), keyValsOf(b));
}

function compareVals(a: Value[], b: Value[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareValues(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/**
 * Sorts key strings in place into compareKeys order, fast for the common cases: when every key
 * is a single string, the keys sort as plain strings (the tag is the same for all); when every
 * key is a single number, by a typed array of the numbers.
 */
export function sortKeys(keys: string[]): string[] {
  let strings = true;
  let numbers = true;
  for (let i = 0; i < keys.length && (strings || numbers); i++) {
    const t = keys[i]!.charCodeAt(0);
    if (t !== 115) strings = false;
    if (t !== 110) numbers = false;
  }
  if (strings) return keys.sort();
  if (numbers) {
    const vals = new Float64Array(keys.length);
    for (let i = 0; i < keys.length; i++) vals[i] = Number(keys[i]!.slice(1));
    const order = Array.from({ length: keys.length }, (_, i) => i);
    order.sort((x, y) => compareValues(vals[x]!, vals[y]!));
    const sorted = order.map((i) => keys[i]!);
    for (let i = 0; i < keys.length; i++) keys[i] = sorted[i]!;
    return keys;
  }
  const vals = keys.map((k) => keyValsOf(k));
  const order = Array.from({ length: keys.length }, (_, i) => i);
  order.sort((x, y) => compareVals(vals[x]!, vals[y]!));
  const sorted = order.map((i) => keys[i]!);
  for (let i = 0; i < keys.length; i++) keys[i] = sorted[i]!;
  return keys;
}

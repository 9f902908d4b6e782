import type { Value } from '../../common/record.js';
import type { Aggregator } from './aggregator.js';
import { toNumber } from './numeric.js';

/** Mutable accumulator of `min` / `max`: `has` is false until a value was added. */
export interface ExtremumAcc {
  v: number | string;
  has: boolean;
}

/**
 * `a` before `b` in the order of `min` / `max`: numbers (and numeric strings, read as numbers)
 * compare as numbers, other strings as strings (by UTF-16 code units, as `<` does), and every
 * number comes before every string.
 */
function before(a: number | string, b: number | string): boolean {
  const ta = typeof a === 'number';
  return ta === (typeof b === 'number') ? a < b : ta;
}

/**
 * Builds `min` or `max` over numbers and strings, in the order of `before`: over a column that
 * mixes them, `min` is the smallest number and `max` the largest string. Other values (null,
 * booleans, arrays, objects, non-finite numbers) are skipped. The result is the number or string,
 * or `null` when nothing was added.
 * Encoding: the value, or `null` when empty (a number or null, as before strings were kept).
 */
export function extremumAggregator(isMax: boolean): Aggregator<ExtremumAcc> {
  const better = (x: number | string, acc: ExtremumAcc): boolean => !acc.has || (isMax ? before(acc.v, x) : before(x, acc.v));
  const take = (acc: ExtremumAcc, x: number | string): ExtremumAcc => {
    if (better(x, acc)) {
      acc.v = x;
      acc.has = true;
    }
    return acc;
  };
  return {
    create: () => ({ v: 0, has: false }),
    add(acc, value: Value) {
      const x = toNumber(value);
      if (x === x) return take(acc, x);
      return typeof value === 'string' ? take(acc, value) : acc;
    },
    merge: (acc, other) => (other.has ? take(acc, other.v) : acc),
    result: (acc) => (acc.has ? acc.v : null),
    encode: (acc) => (acc.has ? acc.v : null),
    decode: (data) => (typeof data === 'number' || typeof data === 'string' ? { v: data, has: true } : { v: 0, has: false }),
  };
}

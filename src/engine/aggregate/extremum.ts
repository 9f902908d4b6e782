import type { Value } from '../record.js';
import type { Aggregator } from './aggregator.js';
import { toNumber } from './numeric.js';

/** Mutable accumulator of `min` / `max`: `has` is false until a numeric value was added. */
export interface ExtremumAcc {
  v: number;
  has: boolean;
}

/**
 * Builds `min` or `max` over numeric values (numbers and numeric strings, read as numbers).
 * Non-numeric values — including strings that are not numbers — are skipped: comparing
 * strings with numbers has no order a user could rely on, so min/max are numeric only.
 * The result is a number, or `null` when no numeric value was added.
 * Encoding: the number, or `null` when empty.
 */
export function extremumAggregator(isMax: boolean): Aggregator<ExtremumAcc> {
  return {
    create: () => ({ v: 0, has: false }),
    add(acc, value: Value) {
      const x = toNumber(value);
      if (x === x && (!acc.has || (isMax ? x > acc.v : x < acc.v))) {
        acc.v = x;
        acc.has = true;
      }
      return acc;
    },
    merge(acc, other) {
      if (other.has && (!acc.has || (isMax ? other.v > acc.v : other.v < acc.v))) {
        acc.v = other.v;
        acc.has = true;
      }
      return acc;
    },
    result: (acc) => (acc.has ? acc.v : null),
    encode: (acc) => (acc.has ? acc.v : null),
    decode: (data) => (typeof data === 'number' ? { v: data, has: true } : { v: 0, has: false }),
  };
}

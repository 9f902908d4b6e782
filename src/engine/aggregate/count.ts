import type { Value } from '../../common/record.js';
import type { Aggregator } from './aggregator.js';

/** Mutable accumulator of `count`. */
export interface CountAcc {
  n: number;
}

/**
 * `count(x)`: the number of non-null values (any type). `count` / `count()` is given `true` per
 * record, so it counts records. The result is 0, never null, when nothing was added.
 * Encoding: the count as a number.
 */
export const countAggregator: Aggregator<CountAcc> = {
  create: () => ({ n: 0 }),
  add(acc, value: Value) {
    if (value !== null) acc.n++;
    return acc;
  },
  merge(acc, other) {
    acc.n += other.n;
    return acc;
  },
  result: (acc) => acc.n,
  encode: (acc) => acc.n,
  decode: (data) => ({ n: Number(data) }),
};

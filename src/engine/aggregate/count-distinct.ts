import type { Value } from '../../common/record.js';
import type { Aggregator } from './aggregator.js';
import { canonicalKey } from './canonical-key.js';

/** Mutable accumulator of `count_distinct`: the canonical keys seen. */
export interface CountDistinctAcc {
  keys: Set<string>;
}

/**
 * `count_distinct(x)`: the exact number of distinct non-null values. Values are compared by
 * `canonicalKey` (JSON equality: `1` and `"1"` are distinct, `1` and `1.0` are not).
 * The result is 0 when nothing was added. Memory and encoding grow with the number of
 * distinct values; `approx_count_distinct` is the bounded alternative.
 * Encoding: the array of canonical keys.
 */
export const countDistinctAggregator: Aggregator<CountDistinctAcc> = {
  create: () => ({ keys: new Set<string>() }),
  add(acc, value: Value) {
    if (value !== null) acc.keys.add(canonicalKey(value));
    return acc;
  },
  merge(acc, other) {
    // The set union does not depend on order, so fold the smaller set into the larger one.
    const [big, small] = acc.keys.size >= other.keys.size ? [acc, other] : [other, acc];
    for (const k of small.keys) big.keys.add(k);
    return big;
  },
  result: (acc) => acc.keys.size,
  encode: (acc) => [...acc.keys],
  decode: (data) => ({ keys: new Set(data as string[]) }),
};

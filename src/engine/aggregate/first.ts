import type { Value } from '../../common/record.js';
import type { Aggregator } from './aggregator.js';

/** Mutable accumulator of `first` / `last`: the value kept, `null` while none was seen. */
export interface PickAcc {
  v: Value;
}

/**
 * `first(x)`: the first non-null value (of any type) in input order; `null` when there is none.
 *
 * Ordering contract: `add` is called in input order, and `merge(acc, other)` means every value
 * folded into `other` came AFTER every value folded into `acc`. The engine merges partials in
 * input order, so `first` of a merged accumulator is `acc`'s value when it has one.
 * Encoding: the value itself (JSON), `null` when empty.
 */
export const firstAggregator: Aggregator<PickAcc> = {
  create: () => ({ v: null }),
  add(acc, value: Value) {
    if (acc.v === null) acc.v = value;
    return acc;
  },
  merge(acc, other) {
    if (acc.v === null) acc.v = other.v;
    return acc;
  },
  result: (acc) => acc.v,
  encode: (acc) => acc.v,
  decode: (data) => ({ v: (data ?? null) as Value }),
};

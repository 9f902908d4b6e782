import type { Value } from '../../common/record.js';
import type { Aggregator } from './aggregator.js';
import type { PickAcc } from './first.js';

/**
 * `last(x)`: the last non-null value (of any type) in input order; `null` when there is none.
 *
 * Ordering contract: `add` is called in input order, and `merge(acc, other)` means every value
 * folded into `other` came AFTER every value folded into `acc`; so the merged value is
 * `other`'s when it has one. Encoding: the value itself (JSON), `null` when empty.
 */
export const lastAggregator: Aggregator<PickAcc> = {
  create: () => ({ v: null }),
  add(acc, value: Value) {
    if (value !== null) acc.v = value;
    return acc;
  },
  merge(acc, other) {
    if (other.v !== null) acc.v = other.v;
    return acc;
  },
  result: (acc) => acc.v,
  encode: (acc) => acc.v,
  decode: (data) => ({ v: (data ?? null) as Value }),
};

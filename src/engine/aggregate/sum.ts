import type { Value } from '../../common/record.js';
import type { Aggregator } from './aggregator.js';
import { createKahan, decodeKahan, encodeKahan, kahanAdd, kahanMerge, kahanValue, type KahanAcc } from './kahan-sum.js';
import { toNumber } from './numeric.js';

/**
 * `sum(x)`: the sum of the numeric values (numbers and numeric strings; others skipped), with
 * compensated summation. `null` when no numeric value was added. Encoding: `[s, c, n]`.
 */
export const sumAggregator: Aggregator<KahanAcc> = {
  create: createKahan,
  add(acc, value: Value) {
    const x = toNumber(value);
    if (x === x) {
      kahanAdd(acc, x);
      acc.n++;
    }
    return acc;
  },
  merge(acc, other) {
    kahanMerge(acc, other);
    return acc;
  },
  result: (acc) => (acc.n === 0 ? null : kahanValue(acc)),
  encode: encodeKahan,
  decode: decodeKahan,
};

import type { Aggregator } from './aggregator.js';
import { kahanValue, type KahanAcc } from './kahan-sum.js';
import { sumAggregator } from './sum.js';

/**
 * `avg(x)`: the mean of the numeric values (numbers and numeric strings; others skipped), from a
 * compensated sum and a count: `sum`'s accumulator with another result. `null` when no numeric
 * value was added. Encoding: `[s, c, n]`.
 */
export const avgAggregator: Aggregator<KahanAcc> = {
  ...sumAggregator,
  result: (acc) => (acc.n === 0 ? null : kahanValue(acc) / acc.n),
};

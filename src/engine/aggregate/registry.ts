import type { AggSpec } from '../../plan/types.js';
import type { Aggregator } from './aggregator.js';
import { approxCountDistinctAggregator } from './approx-count-distinct.js';
import { avgAggregator } from './avg.js';
import { countAggregator } from './count.js';
import { countDistinctAggregator } from './count-distinct.js';
import { firstAggregator } from './first.js';
import { lastAggregator } from './last.js';
import { maxAggregator } from './max.js';
import { minAggregator } from './min.js';
import { percentileAggregator } from './percentile.js';
import { sumAggregator } from './sum.js';

/**
 * The one place that maps an aggregate of the plan to its implementation. Aggregators are
 * stateless (state lives in accumulators), so one instance may serve every key and window.
 * `percentile` needs `spec.q` in [0, 1] (p50/p90/p95/p99 arrive as percentile with q set).
 */
export function createAggregator(spec: AggSpec): Aggregator {
  switch (spec.fn) {
    case 'count':
      return countAggregator as Aggregator;
    case 'sum':
      return sumAggregator as Aggregator;
    case 'avg':
      return avgAggregator as Aggregator;
    case 'min':
      return minAggregator as Aggregator;
    case 'max':
      return maxAggregator as Aggregator;
    case 'count_distinct':
      return countDistinctAggregator as Aggregator;
    case 'approx_count_distinct':
      return approxCountDistinctAggregator as Aggregator;
    case 'percentile':
      if (spec.q === undefined) throw new RangeError('percentile: missing q');
      return percentileAggregator(spec.q) as Aggregator;
    case 'first':
      return firstAggregator as Aggregator;
    case 'last':
      return lastAggregator as Aggregator;
    default: {
      const unknownFn: never = spec.fn;
      throw new RangeError(`unknown aggregate function: ${String(unknownFn)}`);
    }
  }
}

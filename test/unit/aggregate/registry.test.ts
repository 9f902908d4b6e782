import { describe, expect, it } from 'vitest';
import type { AggFn, AggSpec } from '../../../src/plan/types.js';
import { createAggregator } from '../../../src/engine/aggregate/registry.js';
import type { Value } from '../../../src/common/record.js';
import { addAll } from './helpers.js';

const values: Value[] = [5, '1', null, 3, 'a', 3];
const expected: [AggFn, Value, number?][] = [
  ['count', 5],
  ['sum', 12],
  ['avg', 3],
  ['min', 1],
  ['max', 'a'],
  ['count_distinct', 4],
  ['approx_count_distinct', 4],
  ['percentile', 3, 0.5],
  ['percentile', 4.4, 0.9],
  ['first', 5],
  ['last', 3],
];

describe('createAggregator', () => {
  it.each(expected)('%s (q=%s)', (fn, result, q) => {
    const spec: AggSpec = { fn, as: fn, ...(q === undefined ? {} : { q }) };
    const agg = createAggregator(spec);
    const got = agg.result(addAll(agg, values));
    if (typeof result === 'number') expect(got).toBeCloseTo(result, 12);
    else expect(got).toBe(result);
  });
  it('needs q for percentile', () => {
    expect(() => createAggregator({ fn: 'percentile', as: 'p' })).toThrow(/q/);
  });
  it('rejects an unknown function', () => {
    expect(() => createAggregator({ fn: 'median' as AggFn, as: 'm' })).toThrow(/median/);
  });
});

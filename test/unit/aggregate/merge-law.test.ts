import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Aggregator } from '../../../src/engine/aggregate/aggregator.js';
import { createAggregator } from '../../../src/engine/aggregate/registry.js';
import type { AggFn } from '../../../src/plan/types.js';
import { toNumber } from '../../../src/engine/aggregate/numeric.js';
import type { Value } from '../../../src/common/record.js';
import { addAll, close, mergeParts, mergeTree, rng, roundTrip, split, splitInputArb } from './helpers.js';

const exact: [string, AggFn, number?][] = [
  ['count', 'count'],
  ['min', 'min'],
  ['max', 'max'],
  ['first', 'first'],
  ['last', 'last'],
  ['count_distinct', 'count_distinct'],
  ['approx_count_distinct', 'approx_count_distinct'],
  ['p50', 'percentile', 0.5],
  ['p99', 'percentile', 0.99],
  ['percentile 0.37', 'percentile', 0.37],
];
const floating: [string, AggFn][] = [
  ['sum', 'sum'],
  ['avg', 'avg'],
];

function agg(fn: AggFn, q?: number): Aggregator {
  return createAggregator({ fn, as: fn, ...(q === undefined ? {} : { q }) });
}

/** Σ|x| over the numeric values: the scale against which float sums are compared. */
function absScale(values: readonly Value[], fn: AggFn): number {
  let s = 0;
  let n = 0;
  for (const v of values) {
    const x = toNumber(v);
    if (x === x) {
      s += Math.abs(x);
      n++;
    }
  }
  return fn === 'avg' ? s / Math.max(1, n) : s;
}

describe.each(exact)('merge law (exact): %s', (_name, fn, q) => {
  const a = agg(fn, q);
  it('merged parts equal adding everything, folded left or as a tree', () => {
    fc.assert(
      fc.property(splitInputArb, ({ values, parts }) => {
        const whole = a.result(addAll(a, values));
        expect(a.result(mergeParts(a, parts))).toEqual(whole);
        expect(a.result(mergeTree(a, parts))).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });
  it('encode → decode, then adding more, equals adding everything', () => {
    fc.assert(
      fc.property(splitInputArb, ({ values, parts }) => {
        let acc = a.create();
        for (const part of parts) acc = addAll(a, part, roundTrip(a, acc));
        expect(a.result(roundTrip(a, acc))).toEqual(a.result(addAll(a, values)));
      }),
      { numRuns: 200 },
    );
  });
});

describe.each(floating)('merge law (within 1e-9 relative): %s', (_name, fn) => {
  const a = agg(fn);
  it('merged parts and round trips agree with adding everything', () => {
    fc.assert(
      fc.property(splitInputArb, ({ values, parts }) => {
        const whole = a.result(addAll(a, values));
        const scale = absScale(values, fn);
        expect(close(a.result(mergeParts(a, parts)), whole, 1e-9, scale)).toBe(true);
        expect(close(a.result(mergeTree(a, parts)), whole, 1e-9, scale)).toBe(true);
        let acc = a.create();
        for (const part of parts) acc = addAll(a, part, roundTrip(a, acc));
        expect(close(a.result(acc), whole, 1e-9, scale)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

/** Inputs large enough to cross the exact → sketch thresholds (1024) of the sketches. */
const bigSplitArb = fc
  .record({
    seed: fc.integer(),
    n: fc.integer({ min: 0, max: 5000 }),
    distinct: fc.integer({ min: 1, max: 4000 }),
    cuts: fc.array(fc.nat({ max: 5000 }), { maxLength: 8 }),
  })
  .map(({ seed, n, distinct, cuts }) => {
    const rand = rng(seed);
    const values: Value[] = [];
    for (let i = 0; i < n; i++) {
      const r = rand();
      const k = Math.floor(rand() * distinct);
      values.push(r < 0.05 ? null : r < 0.5 ? (k - distinct / 3) * 1.37 : r < 0.8 ? String(k) : `u${k}`);
    }
    return { values, parts: split(values, cuts) };
  });

describe.each([
  ['approx_count_distinct', 'approx_count_distinct'],
  ['p95', 'percentile', 0.95],
  ['percentile 0.37', 'percentile', 0.37],
  ['count_distinct', 'count_distinct'],
] as [string, AggFn, number?][])('merge law across the sketch threshold: %s', (_name, fn, q) => {
  const a = agg(fn, q);
  it('merged parts and round trips equal adding everything exactly', () => {
    fc.assert(
      fc.property(bigSplitArb, ({ values, parts }) => {
        const whole = a.result(addAll(a, values));
        expect(a.result(mergeParts(a, parts))).toEqual(whole);
        expect(a.result(mergeTree(a, parts))).toEqual(whole);
        let acc = a.create();
        for (const part of parts) acc = addAll(a, part, roundTrip(a, acc));
        expect(a.result(acc)).toEqual(whole);
      }),
      { numRuns: 40 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { DDSketch } from '../../../src/engine/aggregate/ddsketch.js';
import { EXACT_LIMIT, exactQuantile, percentileAggregator } from '../../../src/engine/aggregate/percentile.js';
import type { Value } from '../../../src/common/record.js';
import { addAll, normal, rng, roundTrip, split } from './helpers.js';

const QS = [0, 0.37, 0.5, 0.9, 0.95, 0.99, 1];

/** Relative error against the exact value (0 must be hit exactly). */
function relErr(estimate: number, exact: number): number {
  return exact === 0 ? Math.abs(estimate) : Math.abs(estimate - exact) / Math.abs(exact);
}

const N = 100_000;
const distributions: [string, (rand: () => number) => number][] = [
  ['uniform [0, 1000)', (r) => r() * 1000],
  ['lognormal(3, 1.5)', (r) => Math.exp(3 + 1.5 * normal(r))],
  ['normal(0, 100) (negatives, p50 near 0)', (r) => 100 * normal(r)],
  ['mostly negative, long tail', (r) => (r() < 0.8 ? -Math.exp(2 * normal(r)) : Math.exp(4 * normal(r)))],
  ['heavy duplicates with zeros and negatives', (r) => [-5, 0, 0, 0, 1, 2, 2, 2, 3, 1000][Math.floor(r() * 10)]!],
  ['exponential latencies in ms, rounded', (r) => Math.round(-Math.log(1 - r()) * 120 * 10) / 10],
  ['tiny and huge magnitudes (1e-15 … 1e15)', (r) => Math.exp(8 * normal(r))],
];

describe('percentile: small inputs are exact (numpy linear)', () => {
  it('interpolates between neighbours', () => {
    const p = (q: number, values: Value[]) => percentileAggregator(q).result(addAll(percentileAggregator(q), values));
    expect(p(0.5, [1, 2, 3, 4])).toBe(2.5);
    expect(p(0.5, [3, 1, 2])).toBe(2);
    expect(p(0.9, ['10', 20, null, 'x', 30])).toBe(28);
    expect(p(0.37, [5])).toBe(5);
    expect(p(0, [4, -1, 9])).toBe(-1);
    expect(p(1, [4, -1, 9])).toBe(9);
    expect(p(0.5, [null, 'a'])).toBeNull();
  });
  it('rejects q outside [0, 1]', () => {
    expect(() => percentileAggregator(1.5)).toThrow(RangeError);
    expect(() => percentileAggregator(NaN)).toThrow(RangeError);
  });
});

describe.each(distributions)('percentile oracle: %s', (_name, draw) => {
  const rand = rng(_name.length * 7919 + 17);
  const values = Array.from({ length: N }, () => draw(rand));
  const sorted = Float64Array.from(values).sort();

  function check(acc: ReturnType<ReturnType<typeof percentileAggregator>['create']>): number {
    let worst = 0;
    for (const q of QS) {
      const a = percentileAggregator(q);
      const exact = exactQuantile(sorted, q);
      const err = relErr(a.result(acc) as number, exact);
      worst = Math.max(worst, err);
      expect(err, `q=${q}: exact ${exact}, got ${a.result(acc)}`).toBeLessThanOrEqual(0.01);
    }
    return worst;
  }

  it('is within 1% of the exact interpolated quantile', () => {
    const agg = percentileAggregator(0.5);
    const acc = addAll(agg, values);
    check(acc);
    expect(agg.result(acc)).toBe(percentileAggregator(0.5).result(acc));
  });

  it('is within 1% after merging encoded partial sketches of uneven sizes', () => {
    const agg = percentileAggregator(0.5);
    const parts = split(values, [10, 500, 1500, 20_000, 20_300, 61_000, 99_999]);
    const merged = parts.map((p) => roundTrip(agg, addAll(agg, p))).reduce((a, b) => agg.merge(a, b));
    check(merged);
    for (const q of QS) {
      const a = percentileAggregator(q);
      expect(a.result(merged)).toBe(a.result(addAll(a, values)));
    }
  });
});

describe('DDSketch', () => {
  it('valueAtRank is within 0.5% of the exact ranked value', () => {
    const rand = rng(3);
    const values = Array.from({ length: 20_000 }, () => Math.exp(5 * normal(rand)) * (rand() < 0.3 ? -1 : 1));
    const sorted = Float64Array.from(values).sort();
    const sketch = new DDSketch();
    for (const v of values) sketch.add(v);
    for (let r = 0; r < values.length; r += 97) {
      expect(relErr(sketch.valueAtRank(r), sorted[r]!)).toBeLessThanOrEqual(0.005 + 1e-12);
    }
  });

  it('keeps high quantiles accurate when the range exceeds the bucket limit', () => {
    const sketch = new DDSketch(64);
    for (let i = 0; i < 1000; i++) sketch.add(i === 0 ? 1e-30 : 1 + i / 10);
    expect(sketch.pos.maxIndex - sketch.pos.minIndex).toBeLessThan(64);
    expect(relErr(sketch.quantile(0.9), 90.91)).toBeLessThanOrEqual(0.005);
    expect(sketch.quantile(0)).toBe(1e-30);
  });

  it('switches from exact values to the sketch above EXACT_LIMIT', () => {
    const agg = percentileAggregator(0.5);
    const acc = addAll(
      agg,
      Array.from({ length: EXACT_LIMIT }, (_, i) => i),
    );
    expect(agg.encode(acc)).toBeInstanceOf(Float64Array);
    agg.add(acc, 1);
    expect(agg.encode(acc)).not.toBeInstanceOf(Float64Array);
  });
});

import { describe, expect, it } from 'vitest';
import { approxCountDistinctAggregator as hll, SPARSE_LIMIT } from '../../../src/engine/aggregate/approx-count-distinct.js';
import { hashValue } from '../../../src/engine/aggregate/hash53.js';
import type { Value } from '../../../src/common/record.js';
import { addAll, roundTrip } from './helpers.js';

function relErr(estimate: number, truth: number): number {
  return Math.abs(estimate - truth) / truth;
}

function fill(from: number, to: number, kind: 'string' | 'number'): Value[] {
  const out: Value[] = [];
  for (let i = from; i < to; i++) out.push(kind === 'string' ? `user-${i}@example.com` : i * 7 + 0.5);
  return out;
}

describe('hash53', () => {
  it('gives 53-bit integers, equal for equal JSON values, apart for different types', () => {
    for (const v of ['', 'a', 'hello world', 0, 1, -1.5, 1e300, true, [1, { a: 2 }]] as Value[]) {
      const h = hashValue(v);
      expect(Number.isSafeInteger(h) && h >= 0).toBe(true);
    }
    expect(hashValue(-0)).toBe(hashValue(0));
    expect(hashValue({ a: 1, b: 2 })).toBe(hashValue({ b: 2, a: 1 }));
    expect(hashValue(1)).not.toBe(hashValue('1'));
    expect(hashValue('ab')).not.toBe(hashValue('ba'));
  });
  it('spreads the top bits evenly', () => {
    const buckets = new Array<number>(64).fill(0);
    for (let i = 0; i < 64_000; i++) buckets[Math.floor(hashValue(`k${i}`) / 2 ** 47)]!++;
    for (const b of buckets) expect(Math.abs(b - 1000)).toBeLessThan(150);
  });
});

describe('approx_count_distinct', () => {
  it('is exact while sparse and ignores nulls and repeats', () => {
    const values = fill(0, SPARSE_LIMIT, 'string');
    expect(hll.result(addAll(hll, [...values, ...values, null]))).toBe(SPARSE_LIMIT);
    expect(hll.result(hll.create())).toBe(0);
    expect(hll.result(addAll(hll, [1, '1', 1.0]))).toBe(2);
  });

  it.each([
    [10_000, 'string'],
    [100_000, 'string'],
    [1_000_000, 'string'],
    [10_000, 'number'],
    [100_000, 'number'],
    [1_000_000, 'number'],
  ] as const)('estimates %i distinct %s values within 2%%', (n, kind) => {
    const acc = addAll(hll, fill(0, n, kind));
    const estimate = hll.result(acc) as number;
    expect(relErr(estimate, n)).toBeLessThan(0.02);
    expect(hll.result(roundTrip(hll, acc))).toBe(estimate);
  });

  it('estimates the union of overlapping partial sketches within 2%, equal to one sketch', () => {
    // 8 parts of 250k values each, starting 100k apart: the union is [0, 950k).
    const parts: Value[][] = [];
    for (let k = 0; k < 8; k++) parts.push(fill(100_000 * k, 100_000 * k + 250_000, 'string'));
    const partials = parts.map((p) => roundTrip(hll, addAll(hll, p)));
    const merged = partials.reduce((a, b) => hll.merge(a, b));
    const estimate = hll.result(merged) as number;
    expect(relErr(estimate, 950_000)).toBeLessThan(0.02);
    expect(estimate).toBe(hll.result(addAll(hll, fill(0, 950_000, 'string'))));
  });

  it('stays within 2% across the range (2k … 200k, many seeds of names)', () => {
    let worst = 0;
    for (const n of [2_000, 5_000, 20_000, 40_000, 60_000, 80_000, 120_000, 200_000]) {
      for (const prefix of ['a', 'b', 'c']) {
        const acc = hll.create();
        for (let i = 0; i < n; i++) hll.add(acc, `${prefix}:${i}`);
        worst = Math.max(worst, relErr(hll.result(acc) as number, n));
      }
    }
    expect(worst).toBeLessThan(0.02);
  });

  it('encodes small sets as hashes, mid-size ones as register pairs, large ones as registers', () => {
    const small = hll.encode(addAll(hll, fill(0, 100, 'string')));
    expect(small).toBeInstanceOf(Float64Array);
    expect((small as Float64Array).byteLength).toBe(800);
    const midAcc = addAll(hll, fill(0, 5000, 'string'));
    const mid = hll.encode(midAcc) as { r: Uint8Array };
    expect(mid.r.byteLength).toBeLessThan(5000 * 3);
    expect(hll.decode(structuredClone(mid)).regs).toEqual(midAcc.regs);
    const big = hll.encode(addAll(hll, fill(0, 50_000, 'string')));
    expect(big).toBeInstanceOf(Uint8Array);
    expect((big as Uint8Array).byteLength).toBe(65536);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BucketStore } from '../../../src/engine/aggregate/bucket-store.js';
import { decodeVarints, encodeVarints } from '../../../src/engine/aggregate/varint.js';

function snapshot(s: BucketStore): [number, number][] {
  const out: [number, number][] = [];
  if (s.total === 0) return out;
  for (let i = s.minIndex; i <= s.maxIndex; i++) if (s.countAt(i) > 0) out.push([i, s.countAt(i)]);
  return out;
}

/** What the collapsed store must hold: each index i counted at max(i, maxIndex − B + 1). */
function model(indexes: number[], maxBuckets: number): [number, number][] {
  if (indexes.length === 0) return [];
  const low = Math.max(...indexes) - maxBuckets + 1;
  const m = new Map<number, number>();
  for (const i of indexes) m.set(Math.max(i, low), (m.get(Math.max(i, low)) ?? 0) + 1);
  return [...m].sort((a, b) => a[0] - b[0]);
}

describe('BucketStore', () => {
  it('collapses the lowest buckets the same way for any order and grouping', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -300, max: 300 }), { maxLength: 200 }),
        fc.integer({ min: 1, max: 64 }),
        fc.nat({ max: 200 }),
        (indexes, maxBuckets, cut) => {
          const whole = new BucketStore(maxBuckets);
          for (const i of indexes) whole.add(i);
          expect(snapshot(whole)).toEqual(model(indexes, maxBuckets));
          const a = new BucketStore(maxBuckets);
          const b = new BucketStore(maxBuckets);
          indexes.forEach((i, k) => {
            (k < cut ? a : b).add(i);
          });
          a.merge(b);
          expect(snapshot(a)).toEqual(snapshot(whole));
          expect(snapshot(BucketStore.decode(structuredClone(whole.encode()), maxBuckets))).toEqual(snapshot(whole));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('varints', () => {
  it('round-trip integers up to 2^53', () => {
    const values = [0, 1, 127, 128, 16383, 16384, 2 ** 31, 2 ** 32 + 5, Number.MAX_SAFE_INTEGER];
    expect(decodeVarints(encodeVarints(values))).toEqual(values);
    expect(encodeVarints([5, 200]).length).toBe(3);
  });
});

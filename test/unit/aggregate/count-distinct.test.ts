import { describe, expect, it } from 'vitest';
import { canonicalKey } from '../../../src/engine/aggregate/canonical-key.js';
import { countDistinctAggregator as cd } from '../../../src/engine/aggregate/count-distinct.js';
import type { Value } from '../../../src/common/record.js';
import { addAll, mergeParts, roundTrip } from './helpers.js';

describe('count_distinct', () => {
  it('compares by JSON value: 1 and "1" differ, 1 and 1.0, 0 and -0, reordered objects do not', () => {
    const values: Value[] = [1, '1', 1.0, 0, -0, true, 'true', null, null, { a: 1, b: [2] }, { b: [2], a: 1 }, [1, 2], [2, 1]];
    expect(cd.result(addAll(cd, values))).toBe(8);
    expect(canonicalKey(-0)).toBe(canonicalKey(0));
    expect(canonicalKey('1')).not.toBe(canonicalKey(1));
  });
  it('tells numbers beyond the double range apart from null and from each other, also inside objects', () => {
    const values: Value[] = [Infinity, -Infinity, 'Infinity', { a: Infinity }, { a: null }, { a: -Infinity }, [NaN], [null], Infinity];
    expect(cd.result(addAll(cd, values))).toBe(8);
  });
  it('is 0 when empty', () => {
    expect(cd.result(cd.create())).toBe(0);
    expect(cd.result(roundTrip(cd, cd.create()))).toBe(0);
  });
  it('merges overlapping parts into the exact size of the union', () => {
    // parts [0, 6000), [3000, 9000), ... overlap by half; the union is [0, 6000 + 3000·(k−1)).
    const parts: Value[][] = [];
    for (let k = 0; k < 10; k++) {
      const part: Value[] = [];
      for (let i = 3000 * k; i < 3000 * k + 6000; i++) part.push(i % 2 === 0 ? `user${i}` : i);
      parts.push(part);
    }
    expect(cd.result(mergeParts(cd, parts))).toBe(6000 + 3000 * 9);
    const encoded = parts.map((p) => roundTrip(cd, addAll(cd, p)));
    expect(cd.result(encoded.reduce((a, b) => cd.merge(a, b)))).toBe(33000);
  });
});

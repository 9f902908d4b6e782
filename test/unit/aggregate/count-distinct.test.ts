import { describe, expect, it } from 'vitest';
import { canonicalKey } from '../../../src/engine/aggregate/canonical-key.js';
import { countDistinctAggregator as cd } from '../../../src/engine/aggregate/count-distinct.js';
import { hashCanonicalKey64, hashValue, hashValue64 } from '../../../src/engine/aggregate/hash53.js';
import { HashSet64 } from '../../../src/engine/aggregate/hash-set64.js';
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
  it('counts every NaN as one value and tells it from "NaN"', () => {
    expect(cd.result(addAll(cd, [NaN, 0 / 0, Number('x'), 'NaN', [NaN]]))).toBe(3);
  });
  it('encodes as a Uint32Array of 64-bit hashes, 8 bytes per value', () => {
    const encoded = cd.encode(addAll(cd, ['a', 'b', 'a', 1, true]));
    expect(encoded).toBeInstanceOf(Uint32Array);
    expect((encoded as Uint32Array).length).toBe(8);
    expect(() => cd.decode({ keys: [] })).toThrow(/count_distinct/);
  });
  it('restores the earlier encoding (an array of canonical keys) into the same set of hashes', () => {
    const values: Value[] = ['u1', 'ü✓😀', '', 0, -0, 1.5, -1e300, Infinity, -Infinity, NaN, true, false, [1, 'a'], { b: null, a: [2] }, 'n1', 's'];
    const legacy = cd.decode(structuredClone(values.map(canonicalKey)));
    expect(cd.result(legacy)).toBe(values.length - 1);
    // Merging the same values, added anew, finds every one of them already there.
    expect(cd.result(cd.merge(legacy, addAll(cd, values)))).toBe(values.length - 1);
    const out = new Uint32Array(2);
    const direct = new Uint32Array(2);
    for (const v of values) {
      hashCanonicalKey64(canonicalKey(v), out);
      hashValue64(v, direct);
      expect([...out]).toEqual([...direct]);
    }
  });
  it('hashValue64 extends hashValue: its top 53 bits are the 53-bit hash', () => {
    const out = new Uint32Array(2);
    for (const v of ['', 'a', 'user-42', 0, -2.5, 1e300, true, [1, { a: 2 }]] as Value[]) {
      hashValue64(v, out);
      expect(out[0]! * 2 ** 21 + (out[1]! >>> 11)).toBe(hashValue(v));
    }
  });
  it('has no 64-bit collision among 2 million user-like strings and numbers', () => {
    const set = new HashSet64();
    const out = new Uint32Array(2);
    for (let i = 0; i < 1_000_000; i++) {
      hashValue64(`u${i}`, out);
      set.add(out[0]!, out[1]!);
      hashValue64(i % 2 === 0 ? i : i / 1024, out);
      set.add(out[0]!, out[1]!);
    }
    expect(set.size).toBe(2_000_000);
  });
  it('keeps its size through growth, merges both ways and round trips', () => {
    const a = addAll(
      cd,
      Array.from({ length: 50_000 }, (_, i) => `v${i}`),
    );
    const b = addAll(
      cd,
      Array.from({ length: 10 }, (_, i) => `v${i * 5000}`),
    );
    expect(cd.result(cd.merge(b, a))).toBe(50_000);
    const c = roundTrip(
      cd,
      addAll(
        cd,
        Array.from({ length: 3 }, (_, i) => i),
      ),
    );
    expect(cd.result(cd.merge(c, roundTrip(cd, a)))).toBe(50_003);
  });
});

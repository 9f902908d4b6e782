import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyOf, keyValsOf } from '../../../src/engine/operators/key.js';
import type { PartialEntry } from '../../../src/engine/operators/window-store.js';
import type { Value } from '../../../src/common/record.js';
import { forEachEntry, toColumns } from '../../../src/engine/runtime/parallel/partial-columns.js';

const value: fc.Arbitrary<Value> = fc.oneof(
  fc.string(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(Infinity, -Infinity, '\u0000', '\u0000Infinity', '\u0000\u0000x', 'Infinity'),
  fc.array(fc.oneof(fc.string(), fc.constantFrom(Infinity, '\u0000-Infinity', null)), { maxLength: 2 }),
);

describe('partial aggregates as columns', () => {
  it('keyValsOf gives back the by values of keyOf (property)', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 3 }), (keyVals) => {
        const back = keyValsOf(keyOf(keyVals));
        // -0 and 0 make one key.
        expect(back).toEqual(keyVals.map((v) => (Object.is(v, -0) ? 0 : v)));
        expect(keyOf(back)).toBe(keyOf(keyVals));
      }),
      { numRuns: 1000 },
    );
  });

  it('keyOf tells a number beyond the double range from null and from its name as a string', () => {
    const keys = [
      [Infinity, 'a'],
      [null, 'a'],
      ['Infinity', 'a'],
      [-Infinity, 'a'],
      [['\u0000Infinity'], 'a'],
      [[Infinity], 'a'],
    ].map((k) => keyOf(k as Value[]));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('survives a structured clone entry for entry', () => {
    const entries: PartialEntry[] = [
      { start: 0, end: 60_000, key: keyOf(['/a']), keyVals: ['/a'], accs: [3, [1.5, 2], { b: [1, 2] }] },
      { start: -Infinity, end: Infinity, key: keyOf([404]), keyVals: [404], accs: [1, [0, 0], null] },
      { start: 5, end: 7, key: keyOf(['x', null]), keyVals: ['x', null], accs: [0, [], 'z'] },
    ];
    const cols = structuredClone(toColumns(entries, 3));
    const back: PartialEntry[] = [];
    forEachEntry(cols, (e) => back.push(e));
    expect(back).toEqual(entries);
    expect(toColumns([], 2).keys).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { ResultChange } from '../../../src/engine/contracts/result.js';
import { compareResults } from '../../../src/engine/operators/result-order.js';
import type { Value } from '../../../src/common/record.js';

const at = (...group: Value[]): ResultChange => ({ window: { start: 0, end: 60_000 }, group, final: true });

describe('compareResults', () => {
  it('orders numbers beyond the double range like numbers, and then by the next by value', () => {
    const sorted = [at(Infinity, 'b'), at(NaN, 'a'), at(1, 'a'), at(Infinity, 'a'), at(-Infinity, 'z')].sort(compareResults);
    expect(sorted.map((r) => r.group)).toEqual([
      [-Infinity, 'z'],
      [1, 'a'],
      [Infinity, 'a'],
      [Infinity, 'b'],
      [NaN, 'a'],
    ]);
  });

  it('tells objects that differ only by a non-finite number from null apart', () => {
    expect(compareResults(at({ a: Infinity }), at({ a: null }))).not.toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { compareValues, parseNumeric, toNumber, truthy, valuesEqual } from '../../../src/engine/expr/values.js';

describe('parseNumeric', () => {
  it.each([
    ['42', 42],
    ['-1.5', -1.5],
    ['+3', 3],
    ['.5', 0.5],
    ['1.', 1],
    ['1e3', 1000],
    ['2.5E-1', 0.25],
    [' 7 ', 7],
  ])('reads %j as %s', (s, n) => expect(parseNumeric(s)).toBe(n));

  it.each(['', ' ', 'abc', '0x10', '0b1', '0o7', 'Infinity', '-Infinity', '1e', '1 2', '12abc', 'NaN', '.', '-', '\t5'])('rejects %j', (s) =>
    expect(parseNumeric(s)).toBeNaN(),
  );
});

describe('truthy / toNumber / valuesEqual / compareValues', () => {
  it('truthy', () => {
    expect([null, false, 0, -0, NaN, ''].map(truthy)).toEqual([false, false, false, false, false, false]);
    expect([true, 1, -1, 'false', '0', [], {}].map(truthy)).toEqual([true, true, true, true, true, true, true]);
  });

  it('toNumber', () => {
    expect(toNumber('12')).toBe(12);
    expect(toNumber(false)).toBe(0);
    expect(toNumber(null)).toBeNaN();
    expect(toNumber([1])).toBeNaN();
  });

  it('valuesEqual is symmetric on the coercions', () => {
    const pairs: [unknown, unknown, boolean][] = [
      [1, '1', true],
      ['1.0', 1, true],
      ['a', 'a', true],
      ['1', '1.0', false],
      [true, 'true', true],
      [1, true, false],
      [[1], [1], true],
      [{ a: [1] }, { a: [1] }, true],
      [{ a: 1 }, { b: 1 }, false],
      [[], {}, false],
    ];
    for (const [a, b, want] of pairs) {
      expect(valuesEqual(a as never, b as never)).toBe(want);
      expect(valuesEqual(b as never, a as never)).toBe(want);
    }
  });

  it('compareValues orders numbers, strings and booleans; NaN otherwise', () => {
    expect(compareValues(1, 2)).toBeLessThan(0);
    expect(compareValues('10', 9)).toBeGreaterThan(0);
    expect(compareValues('b', 'a')).toBeGreaterThan(0);
    expect(compareValues('a', 'a')).toBe(0);
    expect(compareValues(true, false)).toBeGreaterThan(0);
    expect(compareValues(1, true)).toBeNaN();
    expect(compareValues('x', 1)).toBeNaN();
    expect(compareValues([1], [1])).toBeNaN();
  });
});

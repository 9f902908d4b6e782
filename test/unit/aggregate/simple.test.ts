import { describe, expect, it } from 'vitest';
import { avgAggregator } from '../../../src/engine/aggregate/avg.js';
import { countAggregator } from '../../../src/engine/aggregate/count.js';
import { firstAggregator } from '../../../src/engine/aggregate/first.js';
import { lastAggregator } from '../../../src/engine/aggregate/last.js';
import { maxAggregator } from '../../../src/engine/aggregate/max.js';
import { minAggregator } from '../../../src/engine/aggregate/min.js';
import { toNumber } from '../../../src/engine/aggregate/numeric.js';
import { sumAggregator } from '../../../src/engine/aggregate/sum.js';
import type { Value } from '../../../src/common/record.js';
import { addAll, roundTrip } from './helpers.js';

const mixed: Value[] = [3, '4', null, 'x', true, -2.5, ' 1e1 ', '0x10', [1], { a: 1 }, 'Infinity'];

describe('toNumber', () => {
  it('reads numbers and decimal strings, nothing else', () => {
    expect(toNumber(3)).toBe(3);
    expect(toNumber('-3.5')).toBe(-3.5);
    expect(toNumber(' 12 ')).toBe(12);
    expect(toNumber('.5')).toBe(0.5);
    expect(toNumber('1e3')).toBe(1000);
    for (const v of [null, true, '', ' ', 'abc', '0x10', 'Infinity', 'NaN', '1,5', [1], { a: 1 }, Infinity, NaN]) {
      expect(toNumber(v as Value)).toBeNaN();
    }
  });
});

describe('count', () => {
  it('counts non-null values of any type', () => {
    expect(countAggregator.result(addAll(countAggregator, mixed))).toBe(10);
  });
  it('counts records when given true per record, and is 0 when empty', () => {
    expect(countAggregator.result(addAll(countAggregator, [true, true, true]))).toBe(3);
    expect(countAggregator.result(countAggregator.create())).toBe(0);
  });
});

describe('sum / avg', () => {
  it('add numbers and numeric strings, skip the rest', () => {
    expect(sumAggregator.result(addAll(sumAggregator, mixed))).toBe(14.5);
    expect(avgAggregator.result(addAll(avgAggregator, mixed))).toBeCloseTo(14.5 / 4, 12);
  });
  it('are null when nothing numeric was added', () => {
    expect(sumAggregator.result(addAll(sumAggregator, [null, 'a', true]))).toBeNull();
    expect(avgAggregator.result(avgAggregator.create())).toBeNull();
  });
  it('sum with compensation', () => {
    const values = Array.from({ length: 10 }, () => 0.1);
    expect(sumAggregator.result(addAll(sumAggregator, values))).toBe(1);
    expect(sumAggregator.result(addAll(sumAggregator, [1e16, 1, -1e16]))).toBe(1);
  });
  it('are ±Infinity when the sum goes beyond the double range, in any grouping', () => {
    expect(sumAggregator.result(addAll(sumAggregator, [1e308, 1e308, -1]))).toBe(Infinity);
    expect(sumAggregator.result(addAll(sumAggregator, [-1e308, 5, -1e308]))).toBe(-Infinity);
    expect(avgAggregator.result(addAll(avgAggregator, [1e308, 1e308]))).toBe(Infinity);
    const merged = sumAggregator.merge(addAll(sumAggregator, [1e308, 1e308]), addAll(sumAggregator, [1e308, 7]));
    expect(sumAggregator.result(merged)).toBe(Infinity);
    expect(sumAggregator.result(roundTrip(sumAggregator, merged))).toBe(Infinity);
  });
  it('survive encode/decode', () => {
    const acc = roundTrip(sumAggregator, addAll(sumAggregator, [1e16, 1]));
    expect(sumAggregator.result(sumAggregator.add(acc, -1e16))).toBe(1);
  });
});

describe('min / max', () => {
  it('read numeric strings as numbers; other strings compare as strings, after every number', () => {
    expect(minAggregator.result(addAll(minAggregator, mixed))).toBe(-2.5);
    expect(maxAggregator.result(addAll(maxAggregator, mixed))).toBe('x');
    expect(maxAggregator.result(addAll(maxAggregator, ['9', '10']))).toBe(10);
    expect(maxAggregator.result(addAll(maxAggregator, [3, -2.5, ' 1e1 ', null, true]))).toBe(10);
  });
  it('of strings, as SQL has them', () => {
    const names: Value[] = ['pear', 'apple', null, 'Zebra', 'fig'];
    expect(minAggregator.result(addAll(minAggregator, names))).toBe('Zebra');
    expect(maxAggregator.result(addAll(maxAggregator, names))).toBe('pear');
    expect(minAggregator.result(addAll(minAggregator, ['b', '', 'a']))).toBe('');
  });
  it('merge and survive encode/decode with strings and numbers', () => {
    for (const agg of [minAggregator, maxAggregator]) {
      const words = roundTrip(agg, addAll(agg, ['m', 'c', 'x']));
      const numbers = roundTrip(agg, addAll(agg, [5, 1, 9]));
      const all = agg.result(addAll(agg, ['m', 'c', 'x', 5, 1, 9]));
      expect(agg.result(agg.merge(roundTrip(agg, words), numbers))).toEqual(all);
      expect(agg.result(agg.merge(numbers, words))).toEqual(all);
    }
  });
  it('decode the numeric encoding of earlier checkpoints', () => {
    expect(maxAggregator.result(maxAggregator.decode(7))).toBe(7);
    expect(maxAggregator.result(maxAggregator.decode(null))).toBeNull();
  });
  it('are null when empty or given nothing comparable', () => {
    expect(minAggregator.result(addAll(minAggregator, [null, true, [1], { a: 1 }]))).toBeNull();
    expect(maxAggregator.result(roundTrip(maxAggregator, maxAggregator.create()))).toBeNull();
  });
});

describe('first / last', () => {
  const values: Value[] = [null, 'a', null, 2, { b: 1 }, null];
  it('pick the first / last non-null value in add order', () => {
    expect(firstAggregator.result(addAll(firstAggregator, values))).toBe('a');
    expect(lastAggregator.result(addAll(lastAggregator, values))).toEqual({ b: 1 });
    expect(firstAggregator.result(addAll(firstAggregator, [null]))).toBeNull();
  });
  it('merge(acc, other) treats other as later input', () => {
    const early = addAll(firstAggregator, ['e1', 'e2']);
    const late = addAll(firstAggregator, ['l1']);
    expect(firstAggregator.result(firstAggregator.merge(early, late))).toBe('e1');
    const earlyL = addAll(lastAggregator, ['e1', 'e2']);
    const lateL = addAll(lastAggregator, ['l1']);
    expect(lastAggregator.result(lastAggregator.merge(earlyL, lateL))).toBe('l1');
    const emptyLate = lastAggregator.create();
    expect(lastAggregator.result(lastAggregator.merge(addAll(lastAggregator, ['x']), emptyLate))).toBe('x');
    expect(firstAggregator.result(firstAggregator.merge(firstAggregator.create(), addAll(firstAggregator, ['y'])))).toBe('y');
  });
});

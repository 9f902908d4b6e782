import { describe, expect, it } from 'vitest';
import { parseNumber, textValue } from '../../../src/io/formats/index.js';

describe('parseNumber', () => {
  it.each([
    ['0', 0],
    ['-1', -1],
    ['42', 42],
    ['3.25', 3.25],
    ['-0.5', -0.5],
    ['1e3', 1000],
    ['2.5E-2', 0.025],
    ['9007199254740991', 9007199254740991],
  ])('reads %s', (s, n) => expect(parseNumber(s)).toBe(n));

  it.each([
    '',
    '007',
    '00',
    '+1',
    '.5',
    '5.',
    '1e',
    '0x10',
    'NaN',
    'Infinity',
    '1e999',
    ' 1',
    '1 ',
    '12a',
    '9007199254740993',
    '123456789012345678901234567890',
    '-',
  ])('keeps %j as text', (s) => {
    expect(parseNumber(s)).toBeUndefined();
    expect(textValue(s)).toBe(s);
  });

  it('accepts big numbers with a fraction or exponent (they are not ids)', () => {
    expect(parseNumber('1e20')).toBe(1e20);
    // biome-ignore lint/correctness/noPrecisionLoss: the double nearest to the text is the point
    expect(parseNumber('12345678901234567890.5')).toBe(12345678901234567890.5);
  });
});

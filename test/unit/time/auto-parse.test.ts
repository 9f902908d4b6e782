import { describe, expect, it } from 'vitest';
import { createTimestampParser } from '../../../src/common/time/timestamp-parser.js';

const parse = createTimestampParser();
const U = Date.UTC;

describe('ISO-8601', () => {
  it.each([
    ['2026-01-01T10:00:00Z', U(2026, 0, 1, 10)],
    ['2026-01-01T10:00:00z', U(2026, 0, 1, 10)],
    ['2026-01-01t10:00:00Z', U(2026, 0, 1, 10)],
    ['2026-01-01T10:00:00', U(2026, 0, 1, 10)],
    ['2026-01-01 10:00:00', U(2026, 0, 1, 10)],
    ['2026-01-01T10:00Z', U(2026, 0, 1, 10)],
    ['2026-01-01T10:00', U(2026, 0, 1, 10)],
    ['2026-01-01', U(2026, 0, 1)],
    ['2026-01-01T10:00:00.123Z', U(2026, 0, 1, 10, 0, 0, 123)],
    ['2026-01-01T10:00:00.1Z', U(2026, 0, 1, 10, 0, 0, 100)],
    ['2026-01-01T10:00:00.12Z', U(2026, 0, 1, 10, 0, 0, 120)],
    ['2026-01-01T10:00:00.123456789Z', U(2026, 0, 1, 10, 0, 0, 123)],
    ['2026-01-01T10:00:00,5Z', U(2026, 0, 1, 10, 0, 0, 500)],
    ['2026-01-01T10:00:00.999999Z', U(2026, 0, 1, 10, 0, 0, 999)],
    ['  2026-01-01T10:00:00Z  ', U(2026, 0, 1, 10)],
  ])('%j', (s, want) => expect(parse(s)).toBe(want));

  it.each([
    ['2026-01-01T10:00:00.123+02:00', U(2026, 0, 1, 8, 0, 0, 123)],
    ['2026-01-01T10:00:00+0200', U(2026, 0, 1, 8)],
    ['2026-01-01T10:00:00+02', U(2026, 0, 1, 8)],
    ['2026-01-01T10:00:00-07:00', U(2026, 0, 1, 17)],
    ['2026-01-01T10:00:00-0730', U(2026, 0, 1, 17, 30)],
    ['2026-01-01T10:00:00+05:45', U(2026, 0, 1, 4, 15)],
    ['2026-01-01T10:00:00+00:00', U(2026, 0, 1, 10)],
    ['2026-01-01T10:00:00-00:00', U(2026, 0, 1, 10)],
    ['2026-01-01T01:00:00+02:00', U(2025, 11, 31, 23)],
    ['2025-12-31T23:00:00-02:00', U(2026, 0, 1, 1)],
    ['2026-01-01 10:00:00.5 +01:00', U(2026, 0, 1, 9, 0, 0, 500)],
    ['2026-01-01T10:00+01:00', U(2026, 0, 1, 9)],
  ])('offset %j', (s, want) => expect(parse(s)).toBe(want));

  it('handles leap years, month ends and year boundaries', () => {
    const cases: [string, number][] = [
      ['2024-02-29T12:00:00Z', U(2024, 1, 29, 12)],
      ['2000-02-29T00:00:00Z', U(2000, 1, 29)],
      ['2024-03-01T00:00:00Z', U(2024, 2, 1)],
      ['2023-12-31T23:59:59.999Z', U(2023, 11, 31, 23, 59, 59, 999)],
      ['2024-01-01T00:00:00Z', U(2024, 0, 1)],
      ['1970-01-01T00:00:00Z', 0],
      ['1969-12-31T23:59:59Z', -1000],
      ['1900-03-01T00:00:00Z', U(1900, 2, 1)],
      ['2100-12-31T00:00:00Z', U(2100, 11, 31)],
      ['0001-01-01T00:00:00Z', new Date('0001-01-01T00:00:00Z').getTime()],
      ['9999-12-31T23:59:59Z', U(9999, 11, 31, 23, 59, 59)],
    ];
    for (const [s, want] of cases) expect(parse(s), s).toBe(want);
    for (const m of [1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) {
      const last = new Date(U(2025, m, 0)).getUTCDate();
      const mm = String(m).padStart(2, '0');
      expect(parse(`2025-${mm}-${last}T00:00:00Z`)).toBe(U(2025, m - 1, last));
      expect(parse(`2025-${mm}-${last + 1}T00:00:00Z`)).toBeNull();
    }
  });

  it.each([
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-01-32',
    '2025-02-29',
    '1900-02-29',
    '2026-04-31',
    '2026-01-01T24:00:00Z',
    '2026-01-01T10:60:00Z',
    '2026-01-01T10:00:60Z',
    '2026-01-01T10:00:00+24:00',
    '2026-01-01T10:00:00+02:60',
    '2026-01-01T10:00:00.Z',
    '2026-01-01T10:00:00Zjunk',
    '2026-01-01T10',
    '2026-01-01T10:00:00+2',
    '2026-01-01T10:00:00+02:0',
    '2026-01-01T1:00:00Z',
    '2026-1-01',
    '26-01-01',
    '2026/01/01',
    '2026-01-01X10:00:00',
    '2026-01-01T10:00:00 Z junk',
    '2026-01-01T10:00:00+02:00:00',
  ])('rejects %j', (s) => expect(parse(s)).toBeNull());
});

describe('other forms and invalid values', () => {
  it('reads CLF (nginx/apache) times', () => {
    expect(parse('10/Oct/2000:13:55:36 -0700')).toBe(U(2000, 9, 10, 20, 55, 36));
    expect(parse('[10/Oct/2000:13:55:36 -0700]')).toBe(U(2000, 9, 10, 20, 55, 36));
    expect(parse('01/jan/2026:00:00:00 +0100')).toBe(U(2025, 11, 31, 23));
    expect(parse('1/Jan/2026:00:00:00 +0000')).toBe(U(2026, 0, 1));
    expect(parse('29/Feb/2024:10:00:00 +0000')).toBe(U(2024, 1, 29, 10));
    expect(parse('10/Oct/2000:13:55:36')).toBe(U(2000, 9, 10, 13, 55, 36));
    expect(parse('10/Oct/2000:13:55:36 +05:30')).toBe(U(2000, 9, 10, 8, 25, 36));
    expect(parse('10/Oct/2000:13:55:36 -07')).toBe(U(2000, 9, 10, 20, 55, 36));
    for (const bad of [
      '29/Feb/2023:10:00:00 +0000',
      '10/Okt/2000:13:55:36 -0700',
      '10/Oct/2000:25:55:36 -0700',
      '10/Oct/2000:13:55:36 -07000',
      '[10/Oct/2000:13:55:36 -0700',
      '10/Oct/2000 13:55:36 -0700',
      '32/Oct/2000:13:55:36 -0700',
    ]) {
      expect(parse(bad), bad).toBeNull();
    }
  });

  it('reads epoch numbers by magnitude', () => {
    expect(parse(1767261600)).toBe(1767261600000);
    expect(parse(1767261600.5)).toBe(1767261600500);
    expect(parse(1.001)).toBe(1001);
    expect(parse(1767261600.1234)).toBe(1767261600123);
    expect(parse(1767261600123)).toBe(1767261600123);
    expect(parse(1767261600123.7)).toBe(1767261600123);
    expect(parse(1767261600123456)).toBe(1767261600123);
    // biome-ignore lint/correctness/noPrecisionLoss: nanoseconds past 2^53 are what epoch parsing must take
    expect(parse(1767261600123456789)).toBe(Math.floor(1767261600123456789 / 1e6));
    expect(parse(0)).toBe(0);
    expect(parse(-86400)).toBe(-86400000);
    expect(parse(99_999_999_999)).toBe(99_999_999_999_000);
    expect(parse(100_000_000_000)).toBe(100_000_000_000);
    expect(parse(NaN)).toBeNull();
    expect(parse(Infinity)).toBeNull();
  });

  it('reads epoch numeric strings exactly', () => {
    expect(parse('1767261600')).toBe(1767261600000);
    expect(parse('1767261600.123')).toBe(1767261600123);
    expect(parse('1767261600.1239')).toBe(1767261600123);
    expect(parse('1767261600.5')).toBe(1767261600500);
    expect(parse('1767261600123')).toBe(1767261600123);
    expect(parse('1767261600123456')).toBe(1767261600123);
    expect(parse('1767261600123456789')).toBe(1767261600123);
    expect(parse('-1.5')).toBe(-1500);
    expect(parse('-1.0005')).toBe(-1001);
    expect(parse('1.7e9')).toBe(1.7e12);
    expect(parse(' 42 ')).toBe(42000);
    expect(parse('0')).toBe(0);
  });

  it.each([
    ['hello'],
    [''],
    ['   '],
    [true],
    [false],
    [null],
    [[1767261600]],
    [{ t: 1 }],
    ['12abc'],
    ['1.2.3'],
    ['-'],
    ['.'],
    ['0x10'],
    ['1e400'],
    ['Infinity'],
    ['10/Oct'],
    ['Tue, 10 Oct 2000 13:55:36 GMT'],
  ] as const)('rejects %j', (v) => expect(parse(v as never)).toBeNull());

  it('never turns an unreadable value into epoch 0', () => {
    for (const v of ['x', '', 'null', 'undefined', '0000-00-00', '0000-00-00 00:00:00']) expect(parse(v)).toBeNull();
  });

  it('keeps correct results when consecutive lines change day (cache)', () => {
    const p = createTimestampParser();
    expect(p('2026-01-01T23:59:59Z')).toBe(U(2026, 0, 1, 23, 59, 59));
    expect(p('2026-01-02T00:00:00Z')).toBe(U(2026, 0, 2));
    expect(p('2026-01-01T00:00:01Z')).toBe(U(2026, 0, 1, 0, 0, 1));
    expect(p('2026-02-30T00:00:00Z')).toBeNull();
    expect(p('2026-01-01T00:00:02Z')).toBe(U(2026, 0, 1, 0, 0, 2));
    expect(p('01/Jan/2026:00:00:00 +0000')).toBe(U(2026, 0, 1));
    expect(p('02/Jan/2026:00:00:00 +0000')).toBe(U(2026, 0, 2));
  });
});

import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../src/common/time/duration.js';
import { formatIso } from '../../../src/common/time/format-iso.js';
import { formatStrftime, validateStrftime } from '../../../src/common/time/strftime.js';
import { TimeFormatError } from '../../../src/common/time/time-format-error.js';

const U = Date.UTC;

describe('formatIso', () => {
  it('matches Date#toISOString', () => {
    const samples = [
      0,
      1,
      999,
      1000,
      -1,
      -1000,
      -86_400_001,
      U(2026, 0, 1, 10),
      U(2024, 1, 29, 23, 59, 59, 999),
      U(1999, 11, 31, 23, 59, 59, 999),
      U(2000, 0, 1),
      U(9999, 11, 31, 23, 59, 59, 999),
      U(1, 0, 1),
      1.5,
      1767261600123.9,
    ];
    for (const ms of samples) expect(formatIso(ms), String(ms)).toBe(new Date(Math.floor(ms)).toISOString());
  });

  it('stays right across second and day changes (cache)', () => {
    const t = U(2026, 0, 1, 23, 59, 59, 500);
    expect(formatIso(t)).toBe('2026-01-01T23:59:59.500Z');
    expect(formatIso(t + 400)).toBe('2026-01-01T23:59:59.900Z');
    expect(formatIso(t + 500)).toBe('2026-01-02T00:00:00.000Z');
    expect(formatIso(t)).toBe('2026-01-01T23:59:59.500Z');
    expect(formatIso(t - 86_400_000)).toBe('2025-12-31T23:59:59.500Z');
  });

  it('throws for values a Date cannot hold', () => {
    expect(() => formatIso(NaN)).toThrow(RangeError);
    expect(() => formatIso(8.64e15 + 1)).toThrow(RangeError);
  });
});

describe('formatStrftime', () => {
  const t = U(2026, 2, 4, 5, 6, 7, 89);
  it.each([
    ['%Y-%m-%d', '2026-03-04'],
    ['%H:%M:%S.%f', '05:06:07.089'],
    ['%F %T', '2026-03-04 05:06:07'],
    ['%Y/%m/%d/%H', '2026/03/04/05'],
    ['%b %e %B', 'Mar  4 March'],
    ['%a %A', 'Wed Wednesday'],
    ['%j %y', '063 26'],
    ['%s', String(Math.floor(t / 1000))],
    ['%z %Z 100%%', '+0000 UTC 100%'],
    ['part-%Y%m%d.ndjson', 'part-20260304.ndjson'],
    ['no directives', 'no directives'],
  ])('%j', (fmt, want) => expect(formatStrftime(t, fmt)).toBe(want));

  it('formats negative times and early years', () => {
    expect(formatStrftime(-1, '%F %T.%f')).toBe('1969-12-31 23:59:59.999');
    expect(formatStrftime(U(1969, 11, 31), '%a')).toBe('Wed');
    expect(formatStrftime(new Date('0042-01-01T00:00:00Z').getTime(), '%Y')).toBe('0042');
  });

  it('throws for an unsupported directive', () => {
    expect(() => formatStrftime(0, '%Q')).toThrow(TimeFormatError);
    expect(() => validateStrftime('%Y-%')).toThrow(TimeFormatError);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [250, '250ms'],
    [1000, '1s'],
    [1500, '1s500ms'],
    [300_000, '5m'],
    [5_400_000, '1h30m'],
    [3_600_000, '1h'],
    [86_400_000, '1d'],
    [93_600_000, '1d2h'],
    [90_061_001, '1d1h1m1s1ms'],
    [-60_000, '-1m'],
    [0.4, '0s'],
  ])('%s ms → %s', (ms, want) => expect(formatDuration(ms)).toBe(want));
});

import { describe, expect, it } from 'vitest';
import { TimeFormatError } from '../../../src/common/time/time-format-error.js';
import { createTimestampParser, validateTimeFormat } from '../../../src/common/time/timestamp-parser.js';

const U = Date.UTC;
const p = (fmt: string, s: string): number | null => createTimestampParser(fmt)(s);

describe('strftime-like formats', () => {
  it('reads numeric fields and literals', () => {
    expect(p('%Y-%m-%d %H:%M:%S', '2026-03-04 05:06:07')).toBe(U(2026, 2, 4, 5, 6, 7));
    expect(p('%d/%m/%Y', '4/3/2026')).toBe(U(2026, 2, 4));
    expect(p('%Y%m%d%H%M%S', '20260304050607')).toBe(U(2026, 2, 4, 5, 6, 7));
    expect(p('%F %T', '2026-03-04 05:06:07')).toBe(U(2026, 2, 4, 5, 6, 7));
    expect(p('at %H:%M on %Y-%m-%d', 'at 05:06 on 2026-03-04')).toBe(U(2026, 2, 4, 5, 6));
    expect(p('%Y-%m-%d 100%%', '2026-03-04 100%')).toBe(U(2026, 2, 4));
  });

  it('reads fractions with %f', () => {
    expect(p('%H:%M:%S.%f %Y-%m-%d', '05:06:07.5 2026-03-04')).toBe(U(2026, 2, 4, 5, 6, 7, 500));
    expect(p('%Y-%m-%d %H:%M:%S,%f', '2026-03-04 05:06:07,123456')).toBe(U(2026, 2, 4, 5, 6, 7, 123));
    expect(p('%Y-%m-%d %H:%M:%S.%f', '2026-03-04 05:06:07.')).toBeNull();
  });

  it('reads offsets with %z: Z, ±hhmm, ±hh:mm, ±hh', () => {
    const f = '%Y-%m-%d %H:%M:%S %z';
    expect(p(f, '2026-03-04 05:06:07 +0200')).toBe(U(2026, 2, 4, 3, 6, 7));
    expect(p(f, '2026-03-04 05:06:07 +02:00')).toBe(U(2026, 2, 4, 3, 6, 7));
    expect(p(f, '2026-03-04 05:06:07 -0530')).toBe(U(2026, 2, 4, 10, 36, 7));
    expect(p(f, '2026-03-04 05:06:07 -05')).toBe(U(2026, 2, 4, 10, 6, 7));
    expect(p(f, '2026-03-04 05:06:07 Z')).toBe(U(2026, 2, 4, 5, 6, 7));
    expect(p(f, '2026-03-04 05:06:07 +2')).toBeNull();
    expect(p(f, '2026-03-04 05:06:07 +0260')).toBeNull();
    expect(p('%Y-%m-%dT%H:%M:%S%z', '2026-03-04T00:30:00+01:00')).toBe(U(2026, 2, 3, 23, 30));
    expect(p('%Y-%m-%d %H:%M %Z', '2026-03-04 05:06 UTC')).toBe(U(2026, 2, 4, 5, 6));
  });

  it('reads month and weekday names (%b %B %a), CLF and RFC 2822 shapes', () => {
    expect(p('%d/%b/%Y:%H:%M:%S %z', '10/Oct/2000:13:55:36 -0700')).toBe(U(2000, 9, 10, 20, 55, 36));
    expect(p('%a, %d %b %Y %H:%M:%S %z', 'Tue, 10 Oct 2000 13:55:36 +0000')).toBe(U(2000, 9, 10, 13, 55, 36));
    expect(p('%A %d %B %Y', 'Tuesday 10 october 2000')).toBe(U(2000, 9, 10));
    expect(p('%d %b %Y', '10 SEP 2000')).toBe(U(2000, 8, 10));
    expect(p('%d %b %Y', '10 Sept 2000')).toBeNull();
    expect(p('%d %b %Y', '10 Foo 2000')).toBeNull();
  });

  it('reads %e, %j, %y, %I %p', () => {
    expect(p('%Y %b %e', '2026 Mar  4')).toBe(U(2026, 2, 4));
    expect(p('%Y %b %e', '2026 Mar 14')).toBe(U(2026, 2, 14));
    expect(p('%Y-%j', '2024-060')).toBe(U(2024, 1, 29));
    expect(p('%Y-%j', '2024-366')).toBe(U(2024, 11, 31));
    expect(p('%Y-%j', '2025-366')).toBeNull();
    expect(p('%y-%m-%d', '26-01-02')).toBe(U(2026, 0, 2));
    expect(p('%y-%m-%d', '99-01-02')).toBe(U(1999, 0, 2));
    expect(p('%Y-%m-%d %I:%M %p', '2026-01-01 12:30 AM')).toBe(U(2026, 0, 1, 0, 30));
    expect(p('%Y-%m-%d %I:%M %p', '2026-01-01 12:30 pm')).toBe(U(2026, 0, 1, 12, 30));
    expect(p('%Y-%m-%d %I:%M %p', '2026-01-01 01:30 PM')).toBe(U(2026, 0, 1, 13, 30));
  });

  it('reads %s epoch seconds whatever the magnitude', () => {
    expect(p('%s', '1767261600')).toBe(1767261600000);
    expect(p('%s', '1767261600.25')).toBe(1767261600250);
    expect(p('%s', '5')).toBe(5000);
    expect(p('%s', '-1.5')).toBe(-1500);
    expect(p('ts=%s', 'ts=100000000000')).toBe(100000000000000);
  });

  describe('without a year (syslog): the latest year that is not more than a day ahead of the reading time', () => {
    const SYSLOG = '%b %e %H:%M:%S';
    const at = (s: string, now: number, fmt = SYSLOG): number | null => createTimestampParser(fmt)(s, now);
    const JAN_5 = U(2026, 0, 5, 12);

    it('puts a date later in the year than the reading time into the year before', () => {
      expect(at('Dec 10 06:55:46', JAN_5)).toBe(U(2025, 11, 10, 6, 55, 46));
      expect(at('Jan  5 06:00:00', JAN_5)).toBe(U(2026, 0, 5, 6));
      expect(at('Mar  4 05:06:07', U(2026, 6, 1))).toBe(U(2026, 2, 4, 5, 6, 7));
    });

    it('allows a day of clock skew before calling a time future', () => {
      expect(at('Jan  6 11:59:59', JAN_5)).toBe(U(2026, 0, 6, 11, 59, 59));
      expect(at('Jan  6 12:00:01', JAN_5)).toBe(U(2025, 0, 6, 12, 0, 1));
    });

    it('takes the next year at the turn of the year', () => {
      expect(at('Jan  1 00:10:00', U(2025, 11, 31, 23, 30))).toBe(U(2026, 0, 1, 0, 10));
      expect(at('Dec 31 23:20:00', U(2026, 0, 1, 0, 5))).toBe(U(2025, 11, 31, 23, 20));
    });

    it('goes back to the last leap year for Feb 29, and counts a zone offset', () => {
      expect(at('Feb 29 12:00:00', JAN_5)).toBe(U(2024, 1, 29, 12));
      expect(at('Jan  6 20:00:00 +1000', JAN_5, '%b %e %H:%M:%S %z')).toBe(U(2026, 0, 6, 10));
      expect(at('Jan  6 20:00:00 -1000', JAN_5, '%b %e %H:%M:%S %z')).toBe(U(2025, 0, 7, 6));
      expect(at('005 10:00', JAN_5, '%j %H:%M')).toBe(U(2026, 0, 5, 10));
      expect(at('340 10:00', JAN_5, '%j %H:%M')).toBe(U(2025, 11, 6, 10));
    });

    it('leaves formats with a year alone, whatever the reading time', () => {
      expect(at('2031-12-10 06:55:46', JAN_5, '%Y-%m-%d %H:%M:%S')).toBe(U(2031, 11, 10, 6, 55, 46));
      expect(at('Dec 10 31 06:55', JAN_5, '%b %d %y %H:%M')).toBe(U(2031, 11, 10, 6, 55));
    });

    it('reads the clock when no reading time is given', () => {
      const now = Date.now();
      const t = p(SYSLOG, 'Jan  1 00:00:00')!;
      expect(t).toBeLessThanOrEqual(now + 86_400_000 + 60_000);
      expect(t).toBeGreaterThan(now - 366 * 86_400_000);
    });
  });

  it('matches blanks loosely and rejects trailing text', () => {
    expect(p('%Y-%m-%d %H:%M', '2026-01-01    10:00')).toBe(U(2026, 0, 1, 10));
    expect(p('%Y-%m-%d %H:%M', '2026-01-0110:00')).toBe(U(2026, 0, 1, 10));
    expect(p('%Y-%m-%d', '2026-01-01 extra')).toBeNull();
    expect(p('%Y-%m-%d', '2026-01-01  ')).toBe(U(2026, 0, 1));
  });

  it('rejects impossible values', () => {
    for (const s of ['2026-13-01', '2026-02-29', '2026-01-32', '2026-00-01', 'x026-01-01', '', '2026-01']) {
      expect(p('%Y-%m-%d', s), s).toBeNull();
    }
    expect(p('%H:%M %Y-%m-%d', '24:00 2026-01-01')).toBeNull();
    expect(p('%H:%M:%S %Y-%m-%d', '10:00:60 2026-01-01')).toBeNull();
  });

  it('still takes numbers as epochs and rejects non-strings', () => {
    const parse = createTimestampParser('%Y-%m-%d');
    expect(parse(1767225600)).toBe(1767225600000);
    expect(parse(true)).toBeNull();
    expect(parse(null)).toBeNull();
  });

  it('throws for an unsupported directive', () => {
    expect(() => createTimestampParser('%Y-%Q')).toThrow(TimeFormatError);
    expect(() => validateTimeFormat('%Y %')).toThrow(/unsupported directive/);
    expect(() => validateTimeFormat('%Y-%m-%d %H:%M:%S.%f%z')).not.toThrow();
  });
});

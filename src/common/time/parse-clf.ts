/**
 * The time of the Common/Combined Log Format (nginx, apache): `10/Oct/2000:13:55:36 -0700`,
 * optionally inside `[...]`. The day may have one or two digits; the month is an English
 * abbreviation in any case; the offset is `±hhmm` (or `±hh:mm`). Read by char code, with the
 * same one-day cache as the ISO parser.
 */
import { DayCache } from './day-cache.js';
import { monthFromAbbr } from './civil.js';
import { read2, read4 } from './digits.js';
import { readOffset } from './parse-iso.js';

export function createClfParser(): (s: string) => number | null {
  const days = new DayCache();

  return (s) => {
    let i = 0;
    let end = s.length;
    while (i < end && s.charCodeAt(i) === 32) i++;
    while (end > i && s.charCodeAt(end - 1) === 32) end--;
    if (i < end && s.charCodeAt(i) === 91 /* [ */) {
      if (s.charCodeAt(end - 1) !== 93 /* ] */) return null;
      i++;
      end--;
    }
    // d/Mon/yyyy:HH:MM:SS needs at least 19 characters; the offset is optional.
    let d: number;
    if (s.charCodeAt(i + 1) === 47 /* / */) {
      d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return null;
      i += 2;
    } else {
      if (s.charCodeAt(i + 2) !== 47) return null;
      d = read2(s, i);
      i += 3;
    }
    if (end - i < 17 || s.charCodeAt(i + 3) !== 47 || s.charCodeAt(i + 8) !== 58) return null;
    const mo = monthFromAbbr(s, i);
    const y = read4(s, i + 4);
    if (mo === 0 || y < 0 || d < 0) return null;
    const base = days.base(y, mo, d);
    if (base === null) return null;
    i += 9;
    if (s.charCodeAt(i + 2) !== 58 || s.charCodeAt(i + 5) !== 58) return null;
    const h = read2(s, i);
    const mi = read2(s, i + 3);
    const sec = read2(s, i + 6);
    if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) return null;
    i += 8;
    const t = base + ((h * 60 + mi) * 60 + sec) * 1000;
    if (i === end) return t;
    if (s.charCodeAt(i) !== 32) return null;
    const off = readOffset(s, i + 1, end);
    return off === null ? null : t - off;
  };
}

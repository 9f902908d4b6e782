/**
 * ISO-8601 / RFC 3339 timestamps, read by char code:
 *
 *   2026-01-01                       midnight UTC
 *   2026-01-01T10:00[:00[.123…]]     UTC when no offset is given
 *   …Z  …+02:00  …+0200  …+02        offsets (also lower-case `t`/`z`, and a space instead of `T`;
 *                                    one space before the offset is allowed, as Python prints it)
 *
 * Fraction digits beyond milliseconds are truncated. Blanks around the text are ignored.
 * Anything else — an impossible date (2026-02-30), hour 24, leap second 60, trailing text — is
 * unreadable (null).
 */
import { DayCache } from './day-cache.js';
import { isDigitCode, read2, read4 } from './digits.js';

/**
 * Creates an ISO parser with its own one-day cache: consecutive lines of a log share their date,
 * so the calendar is consulted once per day instead of once per line.
 */
export function createIsoParser(): (s: string) => number | null {
  const days = new DayCache();

  return (s) => {
    let i = 0;
    let end = s.length;
    while (i < end && s.charCodeAt(i) === 32) i++;
    while (end > i && s.charCodeAt(end - 1) === 32) end--;
    if (end - i < 10 || s.charCodeAt(i + 4) !== 45 || s.charCodeAt(i + 7) !== 45) return null;
    const y = read4(s, i);
    const mo = read2(s, i + 5);
    const d = read2(s, i + 8);
    if (y < 0 || mo < 0 || d < 0) return null;
    const base = days.base(y, mo, d);
    if (base === null) return null;
    i += 10;
    if (i === end) return base;

    const sep = s.charCodeAt(i);
    if (sep !== 84 /* T */ && sep !== 116 /* t */ && sep !== 32) return null;
    if (end - i < 6 || s.charCodeAt(i + 3) !== 58 /* : */) return null;
    const h = read2(s, i + 1);
    const mi = read2(s, i + 4);
    if (h < 0 || h > 23 || mi < 0 || mi > 59) return null;
    i += 6;
    let sec = 0;
    let ms = 0;
    if (i < end && s.charCodeAt(i) === 58) {
      if (end - i < 3) return null;
      sec = read2(s, i + 1);
      if (sec < 0 || sec > 59) return null;
      i += 3;
      const dot = i < end ? s.charCodeAt(i) : 0;
      if (dot === 46 /* . */ || dot === 44 /* , */) {
        i++;
        const start = i;
        while (i < end && isDigitCode(s.charCodeAt(i))) {
          const n = i - start;
          if (n < 3) ms = ms * 10 + (s.charCodeAt(i) - 48);
          i++;
        }
        const n = i - start;
        if (n === 0) return null;
        if (n === 1) ms *= 100;
        else if (n === 2) ms *= 10;
      }
    }
    const t = base + ((h * 60 + mi) * 60 + sec) * 1000 + ms;
    if (i === end) return t;

    if (s.charCodeAt(i) === 32) i++;
    const z = s.charCodeAt(i);
    if (z === 90 /* Z */ || z === 122 /* z */) return i + 1 === end ? t : null;
    const off = readOffset(s, i, end);
    return off === null ? null : t - off;
  };
}

/**
 * A numeric UTC offset `±hh`, `±hhmm` or `±hh:mm` filling s[i..end), in milliseconds, or null.
 */
export function readOffset(s: string, i: number, end: number): number | null {
  const sign = s.charCodeAt(i);
  if ((sign !== 43 /* + */ && sign !== 45) /* - */ || end - i < 3) return null;
  const hh = read2(s, i + 1);
  if (hh < 0 || hh > 23) return null;
  i += 3;
  let mm = 0;
  if (i < end) {
    if (s.charCodeAt(i) === 58) i++;
    if (end - i !== 2) return null;
    mm = read2(s, i);
    if (mm < 0 || mm > 59) return null;
  }
  const ms = (hh * 60 + mm) * 60_000;
  return sign === 45 ? -ms : ms;
}

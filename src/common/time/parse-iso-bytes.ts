import { DayCache } from './day-cache.js';

/** Two decimal digits at `b[i]`, or -1. */
function d2(b: Uint8Array, i: number): number {
  const x = b[i]! - 48;
  const y = b[i + 1]! - 48;
  return x >= 0 && x <= 9 && y >= 0 && y <= 9 ? x * 10 + y : -1;
}

/**
 * A parser for the usual shape of log timestamps straight from bytes, with its own one-day
 * cache: `YYYY-MM-DDTHH:MM:SS[.f…]Z` filling `b[start, end)` exactly (fraction digits beyond
 * milliseconds truncated). It gives the same epoch ms as `createIsoParser` for every text of that
 * shape, and NaN for anything else — other shapes, offsets, blanks, impossible dates — which the
 * caller then reads through the general parser. No string is made.
 */
export function createIsoBytesParser(): (b: Uint8Array, start: number, end: number) => number {
  const days = new DayCache();
  return (b, start, end) => {
    const n = end - start;
    if (n < 20 || b[start + 4] !== 45 || b[start + 7] !== 45 || b[start + 10] !== 84 || b[start + 13] !== 58 || b[start + 16] !== 58 || b[end - 1] !== 90)
      return NaN;
    const yh = d2(b, start);
    const yl = d2(b, start + 2);
    const mo = d2(b, start + 5);
    const d = d2(b, start + 8);
    const h = d2(b, start + 11);
    const mi = d2(b, start + 14);
    const s = d2(b, start + 17);
    if (yh < 0 || yl < 0 || mo < 0 || d < 0 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) return NaN;
    let ms = 0;
    if (n > 20) {
      // `.` then 1 or more digits, then the final Z.
      if (b[start + 19] !== 46 || n === 21) return NaN;
      for (let i = start + 20, k = 0; i < end - 1; i++, k++) {
        const c = b[i]! - 48;
        if (c < 0 || c > 9) return NaN;
        if (k < 3) ms = ms * 10 + c;
      }
      const digits = n - 21;
      if (digits === 1) ms *= 100;
      else if (digits === 2) ms *= 10;
    }
    const base = days.base(yh * 100 + yl, mo, d);
    if (base === null) return NaN;
    return base + ((h * 60 + mi) * 60 + s) * 1000 + ms;
  };
}

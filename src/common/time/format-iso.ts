/**
 * `formatIso(ms)` → `2026-01-01T10:00:00.000Z`, the output form of `window_start`/`window_end`
 * (SPEC §4). Same text as `Date#toISOString`, without a Date: the text up to the second is cached,
 * so timestamps within one second cost one concatenation.
 */
import { civilFromDays, MAX_EPOCH_MS, MS_PER_DAY } from './civil.js';

/** "00".."99" and "000".."999". */
export const PAD2: readonly string[] = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const PAD3: readonly string[] = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

const ymd = { y: 0, m: 0, d: 0 };
let lastDay = NaN;
let lastDayText = '';
let lastSec = NaN;
let lastSecText = '';

/** Throws RangeError for a value a Date cannot hold (NaN, beyond ±8.64e15), as toISOString does. */
export function formatIso(ms: number): string {
  if (!(ms >= -MAX_EPOCH_MS && ms <= MAX_EPOCH_MS)) return new Date(ms).toISOString();
  const sec = Math.floor(ms / 1000);
  if (sec !== lastSec) {
    const day = Math.floor(ms / MS_PER_DAY);
    if (day !== lastDay) {
      civilFromDays(day, ymd);
      if (ymd.y < 0 || ymd.y > 9999) return new Date(ms).toISOString();
      lastDay = day;
      lastDayText = `${ymd.y < 1000 ? String(ymd.y).padStart(4, '0') : ymd.y}-${PAD2[ymd.m]}-${PAD2[ymd.d]}T`;
    }
    const s = sec - day * 86_400;
    const h = Math.floor(s / 3600);
    const mi = Math.floor((s - h * 3600) / 60);
    lastSec = sec;
    lastSecText = `${lastDayText}${PAD2[h]}:${PAD2[mi]}:${PAD2[s - h * 3600 - mi * 60]}.`;
  }
  return `${lastSecText}${PAD3[Math.floor(ms) - sec * 1000]}Z`;
}

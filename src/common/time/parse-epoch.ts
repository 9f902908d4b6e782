/**
 * Epoch timestamps as numbers or numeric strings. The unit is guessed from the magnitude, as
 * log tools do: |x| < 1e11 → seconds (fractions allowed; 1e11 s is the year 5138), < 1e14 →
 * milliseconds, < 1e17 → microseconds, else nanoseconds. Sub-millisecond parts are floored.
 */
import { MAX_EPOCH_MS } from './civil.js';
import { isDigitCode } from './digits.js';

function inRange(ms: number): number | null {
  return ms >= -MAX_EPOCH_MS && ms <= MAX_EPOCH_MS ? ms : null;
}

/** An epoch number to milliseconds, or null (NaN, ±Infinity, beyond the Date range). */
export function epochNumberToMs(x: number): number | null {
  const a = Math.abs(x);
  if (a < 1e11) {
    const ms = x * 1000;
    const r = Math.round(ms);
    // 1.001 * 1000 is 1000.9999999999999: snap float noise, floor real sub-millisecond parts.
    return Math.abs(ms - r) < 1e-3 ? r : Math.floor(ms);
  }
  if (a < 1e14) return inRange(Math.floor(x));
  if (a < 1e17) return inRange(Math.floor(x / 1e3));
  if (a < Infinity) return inRange(Math.floor(x / 1e6));
  return null;
}

/**
 * An epoch as text (`1700000000`, `1700000000.25`, `-5`, `1700000000123`) to milliseconds,
 * exactly (no float rounding of the fraction), or null. Exponent notation goes through Number.
 */
export function parseEpochString(s: string): number | null {
  let i = 0;
  let end = s.length;
  while (i < end && s.charCodeAt(i) === 32) i++;
  while (end > i && s.charCodeAt(end - 1) === 32) end--;
  const begin = i;
  let neg = false;
  const c0 = s.charCodeAt(i);
  if (c0 === 45 || c0 === 43) {
    neg = c0 === 45;
    i++;
  }
  while (i < end - 1 && s.charCodeAt(i) === 48 && isDigitCode(s.charCodeAt(i + 1))) i++;
  const intStart = i;
  while (i < end && isDigitCode(s.charCodeAt(i))) i++;
  const intDigits = i - intStart;
  let frac = 0;
  let fracDigits = 0;
  let fracRest = false;
  if (i < end && s.charCodeAt(i) === 46) {
    i++;
    while (i < end && isDigitCode(s.charCodeAt(i))) {
      const c = s.charCodeAt(i) - 48;
      if (fracDigits < 3) frac = frac * 10 + c;
      else if (c !== 0) fracRest = true;
      fracDigits++;
      i++;
    }
  }
  if (intDigits + fracDigits === 0) return null;
  if (i !== end) {
    const c = s.charCodeAt(i) | 0x20;
    if (c !== 101 /* e */) return null;
    const x = Number(s.slice(begin, end));
    return Number.isFinite(x) ? epochNumberToMs(x) : null;
  }
  if (intDigits > 21) return null;
  // Seconds below 12 digits, ms 12–14, µs 15–17, ns 18+: keep only the digits down to the millisecond.
  const drop = intDigits <= 11 ? -1 : intDigits <= 14 ? 0 : intDigits <= 17 ? 3 : 6;
  let ms: number;
  if (drop < 0) {
    ms = digitsValue(s, intStart, intStart + intDigits) * 1000;
    for (let k = fracDigits; k < 3; k++) frac *= 10;
    ms += frac;
  } else {
    ms = digitsValue(s, intStart, intStart + intDigits - drop);
    fracRest = fracRest || frac > 0 || digitsValue(s, intStart + intDigits - drop, intStart + intDigits) > 0;
  }
  if (neg) ms = -ms - (fracRest ? 1 : 0);
  return inRange(ms);
}

function digitsValue(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + (s.charCodeAt(i) - 48);
  return n;
}

import type { Value } from './record.js';

/**
 * JSON text of a value as every output writes it: `JSON.stringify`, except that a number that is
 * not finite (a JSON number beyond the double range such as `1e999`, a sum that overflowed) is
 * written as the string `"Infinity"`, `"-Infinity"` or `"NaN"` instead of `null`, so that it
 * stays apart from null and from other such numbers.
 */
export function jsonText(value: Value): string {
  const text = JSON.stringify(value);
  // Only a null or a non-finite number writes `null`: the common text is taken as it is.
  if (text.indexOf('null') < 0 || !hasNonFinite(value)) return text;
  return JSON.stringify(value, nonFiniteAsText);
}

/** The replacer: a number that is not finite becomes its name. */
function nonFiniteAsText(_key: string, v: unknown): unknown {
  return typeof v === 'number' && v - v !== 0 ? String(v) : v;
}

/** True when `value` holds a number that is not finite, at any depth. */
export function hasNonFinite(value: Value): boolean {
  if (typeof value === 'number') return value - value !== 0;
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (const v of value) if (hasNonFinite(v)) return true;
    return false;
  }
  for (const k in value) if (hasNonFinite(value[k]!)) return true;
  return false;
}

import type { Value } from '../../common/record.js';

/** A decimal number written as a string: `12`, `-3.5`, `.5`, `1e3`. No hex, no `Infinity`. */
const NUMERIC = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/**
 * The numeric reading of a value for `sum`, `avg`, `min`, `max` and `percentile`: a finite number,
 * or a string holding a decimal number. Anything else (null, booleans, other strings, arrays,
 * objects, non-finite numbers) gives `NaN`, which means "skip" — NaN rather than `undefined` so
 * callers test one type on the hot path.
 */
export function toNumber(value: Value): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : NaN;
  if (typeof value === 'string' && NUMERIC.test(value)) {
    const n = Number(value);
    return Number.isFinite(n) ? n : NaN;
  }
  return NaN;
}

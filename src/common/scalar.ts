import type { Value } from './record.js';

const NUMBER = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * The number a text stands for, or undefined when it does not look like one: JSON number syntax
 * (so no leading zeros like `007`, no `+`, no `.5`), finite, and an integer without fraction or
 * exponent must be a safe integer (ids beyond 2^53 stay strings, exactly as written).
 */
export function parseNumber(s: string): number | undefined {
  const c = s.charCodeAt(0);
  // Cheap pre-check so most non-numeric text never reaches the regex.
  if (c !== 45 && (c < 48 || c > 57)) return undefined;
  const m = NUMBER.exec(s);
  if (m === null) return undefined;
  const n = Number(s);
  if (!Number.isFinite(n)) return undefined;
  if (m[1] === undefined && m[2] === undefined && !Number.isSafeInteger(n)) return undefined;
  return n;
}

/** A text field's value: a number when it looks like one (see `parseNumber`), else the text. */
export function textValue(s: string): Value {
  const n = parseNumber(s);
  return n === undefined ? s : n;
}

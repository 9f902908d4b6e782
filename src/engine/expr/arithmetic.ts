/**
 * `+ - * / %` on values (SPEC §2): `null` in → `null` out; numeric strings and booleans count as
 * numbers; `+` on two strings concatenates; division or remainder by zero, and any result that
 * is not a finite number, is `null`. Any other mix (a non-numeric string, an array) is `null`.
 */
import type { Value } from '../../common/record.js';
import { toNumber } from './values.js';

function finite(n: number): number | null {
  return n - n === 0 ? n : null;
}

export function add(a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number') return finite(a + b);
  if (a === null || b === null) return null;
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  return finite(toNumber(a) + toNumber(b));
}

export function subtract(a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number') return finite(a - b);
  if (a === null || b === null) return null;
  return finite(toNumber(a) - toNumber(b));
}

export function multiply(a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number') return finite(a * b);
  if (a === null || b === null) return null;
  return finite(toNumber(a) * toNumber(b));
}

export function divide(a: Value, b: Value): Value {
  if (a === null || b === null) return null;
  const d = typeof b === 'number' ? b : toNumber(b);
  if (d === 0) return null;
  return finite((typeof a === 'number' ? a : toNumber(a)) / d);
}

export function remainder(a: Value, b: Value): Value {
  if (a === null || b === null) return null;
  const d = typeof b === 'number' ? b : toNumber(b);
  if (d === 0) return null;
  return finite((typeof a === 'number' ? a : toNumber(a)) % d);
}

/** Unary minus: numbers and numeric strings negate (a non-finite one gives `null`); anything else is `null`. */
export function negate(a: Value): Value {
  if (typeof a === 'number') return finite(-a);
  if (a === null) return null;
  return finite(-toNumber(a));
}

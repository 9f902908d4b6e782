/**
 * Compiles `== != < <= > >=` (SPEC §2).
 *
 * Null rule: a comparison with a `null` operand is false, `==` and `!=` included — except that
 * `== null` / `!= null` written against the literal `null` is a null test (`x == null` is true
 * when x is missing or null; `x != null` when it is present). `null == null` is true.
 * Numbers and numeric strings compare numerically; two strings lexicographically.
 */
import type { PExpr } from '../../plan/types.js';
import type { Rec, Value } from '../../common/record.js';
import { compareValues, valuesEqual } from './values.js';

type Compiled = (rec: Rec) => Value;
export type ComparisonOp = '==' | '!=' | '<' | '<=' | '>' | '>=';

function isNullLiteral(e: PExpr): boolean {
  return e.kind === 'literal' && e.value === null;
}

export function compileComparison(op: ComparisonOp, left: PExpr, l: Compiled, right: PExpr, r: Compiled): Compiled {
  if (op === '==' || op === '!=') {
    const nullLeft = isNullLiteral(left);
    const nullRight = isNullLiteral(right);
    if (nullLeft || nullRight) {
      const other = nullLeft ? r : l;
      return op === '==' ? (rec) => other(rec) === null : (rec) => other(rec) !== null;
    }
    if (op === '==') {
      return (rec) => {
        const a = l(rec);
        if (a === null) return false;
        const b = r(rec);
        return b !== null && valuesEqual(a, b);
      };
    }
    return (rec) => {
      const a = l(rec);
      if (a === null) return false;
      const b = r(rec);
      return b !== null && !valuesEqual(a, b);
    };
  }
  if (right.kind === 'literal' && typeof right.value === 'number') {
    return compileAgainstNumber(op, l, right.value);
  }
  // NaN (unordered) makes every test below false.
  switch (op) {
    case '<':
      return (rec) => {
        const a = l(rec);
        const b = a === null ? null : r(rec);
        return b !== null && compareValues(a, b) < 0;
      };
    case '<=':
      return (rec) => {
        const a = l(rec);
        const b = a === null ? null : r(rec);
        return b !== null && compareValues(a, b) <= 0;
      };
    case '>':
      return (rec) => {
        const a = l(rec);
        const b = a === null ? null : r(rec);
        return b !== null && compareValues(a, b) > 0;
      };
    case '>=':
      return (rec) => {
        const a = l(rec);
        const b = a === null ? null : r(rec);
        return b !== null && compareValues(a, b) >= 0;
      };
  }
}

/** `status >= 500`, the common case: no call when the field is already a number. */
function compileAgainstNumber(op: '<' | '<=' | '>' | '>=', l: Compiled, c: number): Compiled {
  switch (op) {
    case '<':
      return (rec) => {
        const a = l(rec);
        return typeof a === 'number' ? a < c : a !== null && compareValues(a, c) < 0;
      };
    case '<=':
      return (rec) => {
        const a = l(rec);
        return typeof a === 'number' ? a <= c : a !== null && compareValues(a, c) <= 0;
      };
    case '>':
      return (rec) => {
        const a = l(rec);
        return typeof a === 'number' ? a > c : a !== null && compareValues(a, c) > 0;
      };
    case '>=':
      return (rec) => {
        const a = l(rec);
        return typeof a === 'number' ? a >= c : a !== null && compareValues(a, c) >= 0;
      };
  }
}

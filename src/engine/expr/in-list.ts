/**
 * Compiles `x in (a, b, ...)` and `x not in (...)`: membership by the same equality as `==`
 * (numbers match numeric strings). As with `==`, a literal `null` in the list matches a null
 * operand; otherwise a null operand gives false — for `not in` too (a comparison with null is false).
 */
import type { PExpr } from '../../plan/types.js';
import type { Rec, Value } from '../../common/record.js';
import { parseNumeric, valuesEqual } from './values.js';

type Compiled = (rec: Rec) => Value;

export function compileIn(operand: Compiled, list: PExpr[], items: Compiled[], negated: boolean): Compiled {
  const member = list.every((e) => e.kind === 'literal') ? literalMembership(list.map((e) => (e as { value: Value }).value)) : dynamicMembership(items);
  const hasNullLiteral = list.some((e) => e.kind === 'literal' && e.value === null);
  if (negated) {
    return (rec) => {
      const v = operand(rec);
      return v !== null && !member(v, rec);
    };
  }
  return (rec) => {
    const v = operand(rec);
    return v === null ? hasNullLiteral : member(v, rec);
  };
}

/** A constant list: strings and numbers go in sets, so a long list costs one or two lookups. */
function literalMembership(values: Value[]): (v: Value, rec: Rec) => boolean {
  const strings = new Set<string>();
  const numbers = new Set<number>();
  const numericStrings = new Set<number>();
  const others: Value[] = [];
  for (const v of values) {
    if (typeof v === 'string') {
      strings.add(v);
      const n = parseNumeric(v);
      if (n === n) numericStrings.add(n);
    } else if (typeof v === 'number') {
      numbers.add(v);
    } else if (v !== null) {
      others.push(v);
    }
  }
  return (v) => {
    if (typeof v === 'string') {
      if (strings.has(v)) return true;
      if (numbers.size > 0) {
        const n = parseNumeric(v);
        if (n === n && numbers.has(n)) return true;
      }
    } else if (typeof v === 'number') {
      return numbers.has(v) || numericStrings.has(v);
    } else if (typeof v === 'boolean' && strings.has(v ? 'true' : 'false')) {
      return true;
    }
    for (let i = 0; i < others.length; i++) if (valuesEqual(v, others[i]!)) return true;
    return false;
  };
}

function dynamicMembership(items: Compiled[]): (v: Value, rec: Rec) => boolean {
  return (v, rec) => {
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!(rec);
      if (item !== null && valuesEqual(v, item)) return true;
    }
    return false;
  };
}

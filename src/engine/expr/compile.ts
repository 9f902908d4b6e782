/**
 * The expression compiler: a PExpr becomes nested closures once, when a pipeline is built; a
 * record is then evaluated without looking at the tree again. Semantics: SPEC §2, and the notes
 * in values.ts (coercions), compare.ts (null), arithmetic.ts, functions.ts.
 */
import type { PExpr } from '../../plan/types.js';
import type { Rec, Value } from '../../common/record.js';
import { add, divide, multiply, negate, remainder, subtract } from './arithmetic.js';
import { compileComparison } from './compare.js';
import { ExprCompileError } from './expr-error.js';
import { lookupFunction, type Compiled } from './functions.js';
import { compileGetPath } from './get-path.js';
import { compileIn } from './in-list.js';
import { compileRegex, createRegexCache } from './regex.js';
import { truthy } from './values.js';

export { getPath } from './get-path.js';
export { truthy } from './values.js';

const EMPTY: Rec = Object.freeze({}) as Rec;

/**
 * Compiles an expression to a function of a record. Throws ExprCompileError for an unknown
 * function, a wrong number of arguments or an invalid regex literal (the checker reports these
 * first, with spans). The returned function never throws and never mutates the record.
 */
export function compileExpr(e: PExpr): (rec: Rec) => Value {
  const f = compileNode(e);
  // Constant subtrees (`60 * 1000`, `lower("A")`) are evaluated once here.
  if (e.kind !== 'literal' && isConstant(e)) {
    const v = f(EMPTY);
    return () => v;
  }
  return f;
}

/** Compiles an expression used as a condition (`where`): true exactly when the value is truthy. */
export function compilePredicate(e: PExpr): (rec: Rec) => boolean {
  const f = compileExpr(e);
  return (rec) => {
    const v = f(rec);
    return v === true || (v !== false && truthy(v));
  };
}

function isConstant(e: PExpr): boolean {
  switch (e.kind) {
    case 'literal':
      return true;
    case 'field':
      return false;
    case 'unary':
      return isConstant(e.operand);
    case 'binary':
      return isConstant(e.left) && isConstant(e.right);
    case 'in':
      return isConstant(e.operand) && e.list.every(isConstant);
    case 'call':
      return e.args.every(isConstant);
    case 'index':
      return isConstant(e.target) && isConstant(e.index);
  }
}

function compileNode(e: PExpr): Compiled {
  switch (e.kind) {
    case 'literal': {
      const v = e.value;
      return () => v;
    }
    case 'field':
      return compileGetPath(e.path);
    case 'unary': {
      const operand = compileExpr(e.operand);
      return e.op === 'not' ? (rec) => !truthy(operand(rec)) : (rec) => negate(operand(rec));
    }
    case 'binary':
      return compileBinary(e);
    case 'in':
      return compileIn(compileExpr(e.operand), e.list, e.list.map(compileExpr), e.negated);
    case 'index': {
      const target = compileExpr(e.target);
      const index = compileExpr(e.index);
      return (rec) => indexValue(target(rec), index(rec));
    }
    case 'call': {
      const def = lookupFunction(e.name);
      if (def === undefined) throw new ExprCompileError(`unknown function \`${e.name}\``);
      const n = e.args.length;
      if (n < def.minArgs || n > def.maxArgs) {
        const want = def.minArgs === def.maxArgs ? `${def.minArgs}` : def.maxArgs === Infinity ? `at least ${def.minArgs}` : `${def.minArgs} to ${def.maxArgs}`;
        throw new ExprCompileError(`\`${e.name}\` takes ${want} argument(s), got ${n}`);
      }
      return def.build(e.args.map(compileExpr));
    }
  }
}

function compileBinary(e: Extract<PExpr, { kind: 'binary' }>): Compiled {
  const l = compileExpr(e.left);
  const r = compileExpr(e.right);
  switch (e.op) {
    case '+':
      return (rec) => add(l(rec), r(rec));
    case '-':
      return (rec) => subtract(l(rec), r(rec));
    case '*':
      return (rec) => multiply(l(rec), r(rec));
    case '/':
      return (rec) => divide(l(rec), r(rec));
    case '%':
      return (rec) => remainder(l(rec), r(rec));
    case 'and':
      return (rec) => truthy(l(rec)) && truthy(r(rec));
    case 'or':
      return (rec) => truthy(l(rec)) || truthy(r(rec));
    case '=~':
      return compileMatch(e.right, l, r);
    default:
      return compileComparison(e.op, e.left, l, e.right, r);
  }
}

/** `x =~ "re"`: the left value as text (numbers and booleans as written); null and others → false. */
function compileMatch(right: PExpr, l: Compiled, r: Compiled): Compiled {
  if (right.kind === 'literal' && typeof right.value === 'string') {
    let re: RegExp;
    try {
      re = compileRegex(right.value);
    } catch (cause) {
      throw new ExprCompileError(`invalid regular expression ${JSON.stringify(right.value)}`, { cause });
    }
    return (rec) => {
      const v = l(rec);
      if (typeof v === 'string') return re.test(v);
      return (typeof v === 'number' || typeof v === 'boolean') && re.test(String(v));
    };
  }
  const regexFor = createRegexCache();
  return (rec) => {
    const v = l(rec);
    if (v === null || typeof v === 'object') return false;
    const p = r(rec);
    if (typeof p !== 'string') return false;
    const re = regexFor(p);
    return re !== null && re.test(typeof v === 'string' ? v : String(v));
  };
}

/** `v[i]`: an array's element (an integer; negative counts from the end), an object's own field; else null. */
function indexValue(v: Value, i: Value): Value {
  if (Array.isArray(v)) {
    if (typeof i !== 'number' || !Number.isInteger(i)) return null;
    return v[i < 0 ? v.length + i : i] ?? null;
  }
  if (v !== null && typeof v === 'object' && typeof i === 'string') return Object.hasOwn(v, i) ? (v[i] ?? null) : null;
  return null;
}

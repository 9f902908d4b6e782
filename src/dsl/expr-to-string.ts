/** Canonical DSL text of an expression, with parentheses only where precedence needs them. */
import type { PExpr } from '../plan/types.js';
import { EXPR_KEYWORDS } from './vocabulary.js';

const BINARY_PREC: Record<string, number> = {
  or: 1,
  and: 2,
  '==': 4,
  '!=': 4,
  '<': 4,
  '<=': 4,
  '>': 4,
  '>=': 4,
  '=~': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '%': 6,
};

function precOf(e: PExpr): number {
  switch (e.kind) {
    case 'binary':
      return BINARY_PREC[e.op]!;
    case 'in':
      return 4;
    case 'unary':
      return e.op === 'not' ? 3 : 7;
    case 'literal':
      return typeof e.value === 'number' && (e.value < 0 || Object.is(e.value, -0)) ? 7 : 8;
    default:
      return 8;
  }
}

function wrap(e: PExpr, needParens: boolean): string {
  const s = exprToString(e);
  return needParens ? `(${s})` : s;
}

/** A string literal that the lexer reads back to the same value. */
export function quoteString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t').replace(/\0/g, '\\0')}"`;
}

/** A field path segment: bare when it is a plain identifier, else in backticks. */
export function fieldSegment(name: string): string {
  return /^[\p{L}_@$][\p{L}\p{N}_@$]*$/u.test(name) && !EXPR_KEYWORDS.has(name) ? name : `\`${name}\``;
}

export function fieldPath(path: string[]): string {
  return path.map(fieldSegment).join('.');
}

export function exprToString(e: PExpr): string {
  switch (e.kind) {
    case 'literal':
      if (typeof e.value === 'string') return quoteString(e.value);
      if (Object.is(e.value, -0)) return '-0';
      return String(e.value);
    case 'field':
      return fieldPath(e.path);
    case 'call':
      return `${e.name}(${e.args.map(exprToString).join(', ')})`;
    case 'index':
      return `${wrap(e.target, precOf(e.target) < 8)}[${exprToString(e.index)}]`;
    case 'unary':
      if (e.op === 'not') return `not ${wrap(e.operand, precOf(e.operand) < 3)}`;
      // `-(-5)` rather than `--5`, which reads as nothing sensible.
      return `-${wrap(e.operand, precOf(e.operand) <= 7)}`;
    case 'in': {
      const list = e.list.map(exprToString).join(', ');
      return `${wrap(e.operand, precOf(e.operand) <= 4)} ${e.negated ? 'not in' : 'in'} (${list})`;
    }
    case 'binary': {
      const p = BINARY_PREC[e.op]!;
      const nonAssoc = p === 4;
      const left = wrap(e.left, nonAssoc ? precOf(e.left) <= p : precOf(e.left) < p);
      const right = wrap(e.right, precOf(e.right) <= p);
      return `${left} ${e.op} ${right}`;
    }
  }
}

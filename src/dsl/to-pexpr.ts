/** AST expressions → plan expressions (the same shapes without spans). */
import type { Expr } from './ast.js';
import type { PExpr } from '../plan/types.js';

export function toPExpr(e: Expr): PExpr {
  switch (e.kind) {
    case 'literal':
      return { kind: 'literal', value: e.value };
    case 'field':
      return { kind: 'field', path: [...e.path] };
    case 'unary':
      return { kind: 'unary', op: e.op, operand: toPExpr(e.operand) };
    case 'binary':
      return { kind: 'binary', op: e.op, left: toPExpr(e.left), right: toPExpr(e.right) };
    case 'in':
      return { kind: 'in', operand: toPExpr(e.operand), list: e.list.map(toPExpr), negated: e.negated };
    case 'call':
      return { kind: 'call', name: e.name, args: e.args.map(toPExpr) };
    case 'index':
      return { kind: 'index', target: toPExpr(e.target), index: toPExpr(e.index) };
  }
}

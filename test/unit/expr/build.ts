/** Terse PExpr builders for the expression tests. */
import type { PExpr } from '../../../src/plan/types.js';
import type { BinaryOp } from '../../../src/dsl/ast.js';
import { compileExpr } from '../../../src/engine/expr/compile.js';
import type { Rec, Value } from '../../../src/common/record.js';

export const lit = (value: string | number | boolean | null): PExpr => ({ kind: 'literal', value });
export const fld = (dotted: string): PExpr => ({ kind: 'field', path: dotted.split('.') });
export const bin = (left: PExpr, op: BinaryOp, right: PExpr): PExpr => ({ kind: 'binary', op, left, right });
export const not = (operand: PExpr): PExpr => ({ kind: 'unary', op: 'not', operand });
export const neg = (operand: PExpr): PExpr => ({ kind: 'unary', op: '-', operand });
export const call = (name: string, ...args: PExpr[]): PExpr => ({ kind: 'call', name, args });
export const inList = (operand: PExpr, list: PExpr[], negated = false): PExpr => ({ kind: 'in', operand, list, negated });

/** Wraps a JS value: a PExpr stays, anything else becomes a literal. */
export const x = (v: PExpr | string | number | boolean | null): PExpr => (v !== null && typeof v === 'object' ? v : lit(v));

/** Evaluates an expression once against a record. */
export const ev = (e: PExpr, rec: Rec = {}): Value => compileExpr(e)(rec);

/** Evaluates `a OP b` where a and b are values placed in a record (so no constant folding). */
export const op2 = (a: Value, op: BinaryOp, b: Value): Value => ev(bin(fld('a'), op, fld('b')), { a, b });

/**
 * The expression parser. Precedence, loosest first:
 * `or` < `and` < `not` < comparisons, `=~`, `in` < `+ -` < `* / %` < unary `-` < calls and primaries.
 * Comparisons do not chain (`a < b < c` is an error).
 */
import type { BinaryOp, Expr, FieldRef } from './ast.js';
import { describe, join, type TokenCursor } from './token-cursor.js';
import { EXPR_KEYWORDS } from './vocabulary.js';

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=', '=~']);

export function parseExpr(cur: TokenCursor): Expr {
  return parseOr(cur);
}

function binary(op: BinaryOp, left: Expr, right: Expr): Expr {
  return { kind: 'binary', op, left, right, span: join(left.span, right.span) };
}

function parseOr(cur: TokenCursor): Expr {
  let left = parseAnd(cur);
  while (cur.isWord('or') || cur.isOp('||')) {
    cur.next();
    left = binary('or', left, parseAnd(cur));
  }
  return left;
}

function parseAnd(cur: TokenCursor): Expr {
  let left = parseNot(cur);
  while (cur.isWord('and') || cur.isOp('&&')) {
    cur.next();
    left = binary('and', left, parseNot(cur));
  }
  return left;
}

function parseNot(cur: TokenCursor): Expr {
  if (cur.isWord('not') || cur.isOp('!')) {
    const t = cur.next();
    const operand = parseNot(cur);
    return { kind: 'unary', op: 'not', operand, span: join(t.span, operand.span) };
  }
  return parseComparison(cur);
}

function isComparisonAhead(cur: TokenCursor): boolean {
  const t = cur.peek();
  return (t.kind === 'op' && COMPARISONS.has(t.text)) || cur.isWord('in') || (cur.isWord('not') && cur.isWord('in', 1));
}

function parseComparison(cur: TokenCursor): Expr {
  const left = parseAdditive(cur);
  if (!isComparisonAhead(cur)) return left;
  let result: Expr;
  if (cur.isWord('in') || cur.isWord('not')) {
    const negated = cur.eatWord('not');
    cur.next();
    cur.expectOp('(', '`(` to start the list after `in`');
    const list: Expr[] = [parseExpr(cur)];
    while (cur.eatOp(',')) list.push(parseExpr(cur));
    const close = cur.expectOp(')', '`,` or `)`');
    result = { kind: 'in', operand: left, list, negated, span: join(left.span, close.span) };
  } else {
    const op = cur.next().text as BinaryOp;
    result = binary(op, left, parseAdditive(cur));
  }
  if (isComparisonAhead(cur)) cur.fail('comparisons cannot be chained', ['use `and`: `a < b and b < c`']);
  return result;
}

function parseAdditive(cur: TokenCursor): Expr {
  let left = parseMultiplicative(cur);
  while (cur.isOp('+') || cur.isOp('-')) {
    const op = cur.next().text as BinaryOp;
    left = binary(op, left, parseMultiplicative(cur));
  }
  return left;
}

function parseMultiplicative(cur: TokenCursor): Expr {
  let left = parseUnary(cur);
  while (cur.isOp('*') || cur.isOp('/') || cur.isOp('%')) {
    const op = cur.next().text as BinaryOp;
    left = binary(op, left, parseUnary(cur));
  }
  return left;
}

function parseUnary(cur: TokenCursor): Expr {
  if (cur.isOp('-')) {
    const t = cur.next();
    const operand = parseUnary(cur);
    const span = join(t.span, operand.span);
    if (operand.kind === 'literal' && typeof operand.value === 'number') return { kind: 'literal', value: -operand.value, span };
    return { kind: 'unary', op: '-', operand, span };
  }
  return parsePrimary(cur);
}

function parsePrimary(cur: TokenCursor): Expr {
  const t = cur.peek();
  switch (t.kind) {
    case 'number':
      cur.next();
      return { kind: 'literal', value: t.num ?? 0, span: t.span };
    case 'string':
      cur.next();
      return { kind: 'literal', value: t.text, span: t.span };
    case 'duration':
      return cur.fail(`expected an expression, found the duration \`${t.text}\``, ['durations are only written in `window`, `time` and `emit` stages']);
    case 'quoted':
      return parseFieldRef(cur);
    case 'ident':
      if (t.text === 'true' || t.text === 'false') {
        cur.next();
        return { kind: 'literal', value: t.text === 'true', span: t.span };
      }
      if (t.text === 'null') {
        cur.next();
        return { kind: 'literal', value: null, span: t.span };
      }
      if (EXPR_KEYWORDS.has(t.text)) {
        return cur.fail(`expected an expression, found the keyword \`${t.text}\``, [`a field named \`${t.text}\` is written in backticks`]);
      }
      if (cur.isOp('(', 1)) return parseCall(cur);
      return parseFieldRef(cur);
    case 'op':
      if (t.text === '(') {
        cur.next();
        const inner = parseExpr(cur);
        cur.expectOp(')');
        return inner;
      }
      return cur.fail(`expected an expression, found ${describe(t)}`);
    default:
      return cur.fail(`expected an expression, found ${describe(t)}`);
  }
}

function parseCall(cur: TokenCursor): Expr {
  const name = cur.next();
  cur.next();
  const args: Expr[] = [];
  if (!cur.isOp(')')) {
    args.push(parseExpr(cur));
    while (cur.eatOp(',')) args.push(parseExpr(cur));
  }
  const close = cur.expectOp(')', '`,` or `)`');
  return { kind: 'call', name: name.text, nameSpan: name.span, args, span: join(name.span, close.span) };
}

/** `a`, `a.b.c`, `` `a b`.c `` as a field expression. */
function parseFieldRef(cur: TokenCursor): Expr {
  const f = parseField(cur);
  return { kind: 'field', path: f.path, span: f.span };
}

/** A field path: identifiers or backtick names joined by `.`. */
export function parseField(cur: TokenCursor, what = 'a field name'): FieldRef {
  const first = cur.peek();
  if (first.kind !== 'ident' && first.kind !== 'quoted') cur.fail(`expected ${what}, found ${describe(first)}`);
  cur.next();
  const path = [first.text];
  let span = first.span;
  while (cur.isOp('.')) {
    cur.next();
    const part = cur.peek();
    if (part.kind !== 'ident' && part.kind !== 'quoted') cur.fail(`expected a field name after \`.\`, found ${describe(part)}`);
    cur.next();
    path.push(part.text);
    span = join(span, part.span);
  }
  return { path, span };
}

/** `F, F, ...` (at least one). */
export function parseFieldList(cur: TokenCursor): FieldRef[] {
  const fields = [parseField(cur)];
  while (cur.eatOp(',')) fields.push(parseField(cur));
  return fields;
}

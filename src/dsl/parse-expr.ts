/**
 * The expression parser. Precedence, loosest first:
 * `or` < `and` < `not` < comparisons, `=~`, `in` < `+ -` < `* / %` < unary `-` < calls and primaries.
 * Comparisons do not chain (`a < b < c` is an error).
 *
 * Guarantee: an expression it returns is at most MAX_EXPR_DEPTH levels deep (each operator of a
 * chain counts as a level), and parsing recurses no deeper than that, so that every later walk of
 * the tree (checker, plan, compiler, hashing, posting to workers) is safe on the stack. Deeper
 * input is a located error.
 */
import type { BinaryOp, Expr, FieldRef } from './ast.js';
import { describe, join, type TokenCursor } from './token-cursor.js';
import { MAX_EXPR_DEPTH } from '../plan/limits.js';
import type { Span } from './source.js';
import { EXPR_KEYWORDS } from './vocabulary.js';

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=', '=~']);

const TOO_DEEP = `expression nested too deeply (more than ${MAX_EXPR_DEPTH} levels)`;
const TOO_DEEP_HELP = 'parentheses, calls, `not` and each operator of a chain like `a + b + c` count as levels; for many alternatives use `x in (a, b, c)`';

/** Levels of the trees built here (a leaf is 1). */
const depths = new WeakMap<Expr, number>();
/** How deep each cursor's parse has recursed. */
const nesting = new WeakMap<TokenCursor, number>();

function depthOf(e: Expr): number {
  return depths.get(e) ?? 1;
}

/** Records `e`'s depth from its children's; fails at `at` past the limit. */
function built<E extends Expr>(cur: TokenCursor, e: E, children: Expr[], at: Span): E {
  let d = 0;
  for (const c of children) d = Math.max(d, depthOf(c));
  if (d + 1 > MAX_EXPR_DEPTH) cur.fail(TOO_DEEP, [TOO_DEEP_HELP], at);
  depths.set(e, d + 1);
  return e;
}

/** Runs a recursive step of the parser one level deeper; fails at `at` past the limit. */
function deeper<T>(cur: TokenCursor, at: Span, parse: () => T): T {
  const level = (nesting.get(cur) ?? 0) + 1;
  if (level > MAX_EXPR_DEPTH) cur.fail(TOO_DEEP, [TOO_DEEP_HELP], at);
  nesting.set(cur, level);
  try {
    return parse();
  } finally {
    nesting.set(cur, level - 1);
  }
}

export function parseExpr(cur: TokenCursor): Expr {
  return deeper(cur, cur.peek().span, () => parseOr(cur));
}

function binary(cur: TokenCursor, op: BinaryOp, opSpan: Span, left: Expr, right: Expr): Expr {
  return built(cur, { kind: 'binary', op, left, right, span: join(left.span, right.span) }, [left, right], opSpan);
}

function parseOr(cur: TokenCursor): Expr {
  let left = parseAnd(cur);
  while (cur.isWord('or') || cur.isOp('||')) {
    const t = cur.next();
    left = binary(cur, 'or', t.span, left, parseAnd(cur));
  }
  return left;
}

function parseAnd(cur: TokenCursor): Expr {
  let left = parseNot(cur);
  while (cur.isWord('and') || cur.isOp('&&')) {
    const t = cur.next();
    left = binary(cur, 'and', t.span, left, parseNot(cur));
  }
  return left;
}

function parseNot(cur: TokenCursor): Expr {
  if (cur.isWord('not') || cur.isOp('!')) {
    const t = cur.next();
    const operand = deeper(cur, t.span, () => parseNot(cur));
    return built(cur, { kind: 'unary', op: 'not', operand, span: join(t.span, operand.span) }, [operand], t.span);
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
    result = built(cur, { kind: 'in', operand: left, list, negated, span: join(left.span, close.span) }, [left, ...list], close.span);
  } else {
    const t = cur.next();
    result = binary(cur, t.text as BinaryOp, t.span, left, parseAdditive(cur));
  }
  if (isComparisonAhead(cur)) cur.fail('comparisons cannot be chained', ['use `and`: `a < b and b < c`']);
  return result;
}

function parseAdditive(cur: TokenCursor): Expr {
  let left = parseMultiplicative(cur);
  while (cur.isOp('+') || cur.isOp('-')) {
    const t = cur.next();
    left = binary(cur, t.text as BinaryOp, t.span, left, parseMultiplicative(cur));
  }
  return left;
}

function parseMultiplicative(cur: TokenCursor): Expr {
  let left = parseUnary(cur);
  while (cur.isOp('*') || cur.isOp('/') || cur.isOp('%')) {
    const t = cur.next();
    left = binary(cur, t.text as BinaryOp, t.span, left, parseUnary(cur));
  }
  return left;
}

function parseUnary(cur: TokenCursor): Expr {
  if (cur.isOp('-')) {
    const t = cur.next();
    const operand = deeper(cur, t.span, () => parseUnary(cur));
    const span = join(t.span, operand.span);
    if (operand.kind === 'literal' && typeof operand.value === 'number') return { kind: 'literal', value: -operand.value, span };
    return built(cur, { kind: 'unary', op: '-', operand, span }, [operand], t.span);
  }
  return parsePostfix(cur, parsePrimary(cur));
}

/** `x[i]`, `split(s, ",")[0]`, `a[0][1]`: indexing binds tighter than any operator. */
function parsePostfix(cur: TokenCursor, target: Expr): Expr {
  let e = target;
  while (cur.isOp('[')) {
    const open = cur.next();
    const index = parseExpr(cur);
    const close = cur.expectOp(']', '`]`');
    e = built(cur, { kind: 'index', target: e, index, span: join(e.span, close.span) }, [e, index], open.span);
  }
  return e;
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
  return built(cur, { kind: 'call', name: name.text, nameSpan: name.span, args, span: join(name.span, close.span) }, args, name.span);
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

/** The aggregation stage: `AGG [as NAME], AGG ... [by F, ...]`. */
import type { AggCall, Expr, FieldRef, Ident, Stage } from './ast.js';
import { parseExpr, parseFieldList } from './parse-expr.js';
import type { Span } from './source.js';
import { describe, join, type TokenCursor } from './token-cursor.js';

/** One aggregate call: `count`, `count()`, `sum(x)`, `percentile(x, 0.9)`, with an optional `as NAME`. */
export function parseAggCall(cur: TokenCursor, allowAlias = true): AggCall {
  const t = cur.peek();
  if (t.kind !== 'ident') cur.fail(`expected an aggregate function, found ${describe(t)}`, ['for example `count`, `sum(bytes)`, `p95(latency_ms)`']);
  cur.next();
  const fn: Ident = { name: t.text, span: t.span };
  const args: Expr[] = [];
  let span: Span = t.span;
  if (cur.eatOp('(')) {
    if (!cur.isOp(')')) {
      args.push(parseExpr(cur));
      while (cur.eatOp(',')) args.push(parseExpr(cur));
    }
    span = join(span, cur.expectOp(')', '`,` or `)`').span);
  }
  let alias: Ident | undefined;
  if (allowAlias && cur.eatWord('as')) {
    const a = cur.peek();
    if (a.kind !== 'ident' && a.kind !== 'quoted') cur.fail(`expected an output name after \`as\`, found ${describe(a)}`);
    cur.next();
    alias = { name: a.text, span: a.span };
    span = join(span, a.span);
  }
  return alias ? { fn, args, alias, span } : { fn, args, span };
}

export function parseAggregateBody(cur: TokenCursor, start: Span): Stage {
  const aggs = [parseAggCall(cur)];
  while (cur.eatOp(',')) aggs.push(parseAggCall(cur));
  let by: FieldRef[] = [];
  if (cur.eatWord('by')) by = parseFieldList(cur);
  return { kind: 'aggregate', aggs, by, span: join(start, cur.prev().span) };
}

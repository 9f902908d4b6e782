import { describe, expect, test } from 'vitest';
import type { Expr, Stage } from '../../../src/dsl/ast.js';
import { exprToString } from '../../../src/dsl/expr-to-string.js';
import { toPExpr } from '../../../src/dsl/to-pexpr.js';
import { queryErrors, spanText, stagesOf } from './helpers.js';

function whereExpr(text: string): Expr {
  const [stage] = stagesOf(`where ${text}`);
  if (stage?.kind !== 'where') throw new Error('not a where');
  return stage.expr;
}

/** The expression fully parenthesised, to see how it was grouped. */
function grouped(e: Expr): string {
  switch (e.kind) {
    case 'literal':
      return JSON.stringify(e.value);
    case 'field':
      return e.path.join('.');
    case 'unary':
      return `(${e.op} ${grouped(e.operand)})`;
    case 'binary':
      return `(${grouped(e.left)} ${e.op} ${grouped(e.right)})`;
    case 'in':
      return `(${grouped(e.operand)} ${e.negated ? 'not in' : 'in'} [${e.list.map(grouped).join(', ')}])`;
    case 'call':
      return `${e.name}(${e.args.map(grouped).join(', ')})`;
    case 'index':
      return `${grouped(e.target)}[${grouped(e.index)}]`;
  }
}

describe('expressions', () => {
  test.each([
    ['a or b and c', '(a or (b and c))'],
    ['split(s, ",")[0] == "a"', '(split(s, ",")[0] == "a")'],
    ['-a[1] + b[0][-1]', '((- a[1]) + b[0][-1])'],
    ['a and b or c', '((a and b) or c)'],
    ['not a and b', '((not a) and b)'],
    ['not a == b', '(not (a == b))'],
    ['a + b * c - d', '((a + (b * c)) - d)'],
    ['a / b % c', '((a / b) % c)'],
    ['-a * b', '((- a) * b)'],
    ['-5 + x', '(-5 + x)'],
    ['- - x', '(- (- x))'],
    ['a + 1 > b * 2', '((a + 1) > (b * 2))'],
    ['(a or b) and c', '((a or b) and c)'],
    ['a || b && !c', '(a or (b and (not c)))'],
    ['x in (1, "a", null)', '(x in [1, "a", null])'],
    ['x not in (true, false) and y', '((x not in [true, false]) and y)'],
    ['path =~ "^/api"', '(path =~ "^/api")'],
    ['lower(a.b) == upper(`c d`)', '(lower(a.b) == upper(c d))'],
    ['coalesce(a, b, 0) >= round(x, 2)', '(coalesce(a, b, 0) >= round(x, 2))'],
    ['if(a, 1, 2)', 'if(a, 1, 2)'],
    ['\'single\' != "double"', '("single" != "double")'],
  ])('%s', (text, expected) => expect(grouped(whereExpr(text))).toBe(expected));

  test('field paths and backtick names', () => {
    expect(whereExpr('http.status')).toMatchObject({ kind: 'field', path: ['http', 'status'] });
    expect(whereExpr('`field with spaces`.x')).toMatchObject({ kind: 'field', path: ['field with spaces', 'x'] });
  });

  test('spans cover the written text', () => {
    const q = 'where lower(name) == "x" and -3 < n';
    const [stage] = stagesOf(q);
    if (stage?.kind !== 'where' || stage.expr.kind !== 'binary') throw new Error('shape');
    const { left, right } = stage.expr;
    expect(q.slice(left.span.start, left.span.end)).toBe('lower(name) == "x"');
    expect(q.slice(right.span.start, right.span.end)).toBe('-3 < n');
    if (left.kind !== 'binary' || left.left.kind !== 'call') throw new Error('shape');
    expect(q.slice(left.left.nameSpan.start, left.left.nameSpan.end)).toBe('lower');
    expect(stage.span).toEqual({ start: 0, end: q.length });
  });

  test('comparisons do not chain', () => {
    const [d] = queryErrors('where a < b < c');
    expect(d!.message).toBe('comparisons cannot be chained');
    expect(spanText(d!)).toBe('<');
  });

  test.each([
    ['where', 'expected an expression, found the end of the input'],
    ['where a +', 'expected an expression, found the end of the input'],
    ['where (a', 'expected `)`, found the end of the input'],
    ['where a in 1', 'expected `(` to start the list after `in`, found `1`'],
    ['where and', 'expected an expression, found the keyword `and`'],
    ['where x > 5m', 'expected an expression, found the duration `5m`'],
    ['where f(a,', 'expected an expression, found the end of the input'],
  ])('syntax error in %j', (q, message) => {
    expect(queryErrors(q).map((d) => d.message)).toEqual([message]);
  });

  test('printing parses back to the same tree', () => {
    for (const text of ['a - (b - c)', '(a - b) - c', 'not (a or b)', '-(a + b)', '(a == b) == c', '(x in (1, 2)) == true', 'a * -b']) {
      const e = toPExpr(whereExpr(text));
      expect(toPExpr(whereExpr(exprToString(e)))).toEqual(e);
    }
  });
});

describe('stages', () => {
  test('format stages', () => {
    const names = ['json', 'logfmt', 'csv', 'tsv', 'lines', 'nginx', 'apache'];
    for (const f of names) expect(stagesOf(f)[0]).toMatchObject({ kind: 'format', format: f });
    const [r] = stagesOf('regex "(?<ip>\\S+) (?<rest>.*)"');
    expect(r).toMatchObject({ kind: 'format', format: 'regex', pattern: '(?<ip>\\S+) (?<rest>.*)', patternSpan: { start: 6, end: 30 } });
  });

  test('where, eval, select, drop, limit', () => {
    const s = stagesOf('where x > 1 | eval a = x * 2, `b c` = lower(y) | select a, http.status | drop b | limit 10');
    expect(s.map((x) => x.kind)).toEqual(['where', 'eval', 'select', 'drop', 'limit']);
    const ev = s[1] as Extract<Stage, { kind: 'eval' }>;
    expect(ev.assignments.map((a) => a.name.name)).toEqual(['a', 'b c']);
    expect((s[2] as Extract<Stage, { kind: 'select' }>).fields.map((f) => f.path)).toEqual([['a'], ['http', 'status']]);
    expect(s[4]).toMatchObject({ kind: 'limit', n: 10 });
  });

  test('time', () => {
    expect(stagesOf('time ts format "%Y-%m-%d" lag 5s idle 1m')[0]).toMatchObject({
      kind: 'time',
      mode: 'event',
      field: { path: ['ts'] },
      format: { value: '%Y-%m-%d' },
      lag: { ms: 5000 },
      idle: { ms: 60_000 },
    });
    expect(stagesOf('time lag lag 5s')[0]).toMatchObject({ field: { path: ['lag'] }, lag: { ms: 5000 } });
    expect(stagesOf('time ingestion')[0]).toMatchObject({ mode: 'ingestion' });
    expect(stagesOf('time processing')[0]).toMatchObject({ mode: 'processing' });
    expect(queryErrors('time ts lag 1s lag 2s')[0]!.message).toBe('`lag` is given twice');
  });

  test('windows', () => {
    const w = (q: string) => (stagesOf(q)[0] as Extract<Stage, { kind: 'window' }>).window;
    expect(w('window tumbling 1m')).toMatchObject({ kind: 'tumbling', size: { ms: 60_000 } });
    expect(w('window sliding 5m every 1m')).toMatchObject({ kind: 'sliding', size: { ms: 300_000 }, every: { ms: 60_000 } });
    expect(w('window session 30s')).toMatchObject({ kind: 'session', gap: { ms: 30_000 } });
    expect(w('window global')).toEqual({ kind: 'global' });
    expect(w('window count 100')).toMatchObject({ kind: 'count', n: 100 });
  });

  test('aggregation stages', () => {
    const [a] = stagesOf('count, sum(bytes) as total, percentile(latency_ms, 0.9), p95(x) by host, http.route');
    if (a?.kind !== 'aggregate') throw new Error('shape');
    expect(a.aggs.map((c) => [c.fn.name, c.args.length, c.alias?.name])).toEqual([
      ['count', 0, undefined],
      ['sum', 1, 'total'],
      ['percentile', 2, undefined],
      ['p95', 1, undefined],
    ]);
    expect(a.by.map((f) => f.path)).toEqual([['host'], ['http', 'route']]);
    expect(stagesOf('count()')[0]).toMatchObject({ kind: 'aggregate', by: [] });
  });

  test('emit', () => {
    expect(stagesOf('emit every 10s')[0]).toMatchObject({ kind: 'emit', every: { ms: 10_000 } });
  });

  test('empty query has no stages', () => {
    expect(stagesOf('')).toEqual([]);
    expect(stagesOf('   ')).toEqual([]);
  });

  test.each([
    ['json |', 'expected a stage after `|`'],
    ['| json', 'expected a stage, found `|`'],
    ['json | | where x', 'expected a stage, found `|`'],
    ['where a b', 'expected `|` or the end of the query, found `b`'],
    ['window tumbling', 'expected the window size, found the end of the input'],
    ['window tumbling 5', '`5` needs a unit'],
    ['window tumbling 5x', 'invalid duration `5x`'],
    ['window sliding 5m', 'expected `every` and the slide, found the end of the input'],
    ['window weekly', 'expected a window kind, found `weekly`'],
    ['emit 10s', 'expected `every`, found `10s`'],
    ['regex foo', 'expected the pattern as a string, found `foo`'],
    ['limit x', 'expected the number of records, found `x`'],
    ['eval = 1', 'expected a field name to assign, found `=`'],
    ['count as', 'expected an output name after `as`, found the end of the input'],
  ])('%j → %s', (q, message) => {
    expect(queryErrors(q).map((d) => d.message)).toContain(message);
  });

  test('errors in several stages are all reported', () => {
    const ds = queryErrors('where a b | window tumbling | eval = 1');
    expect(ds.map((d) => spanText(d))).toEqual(['b', '|', '=']);
  });
});

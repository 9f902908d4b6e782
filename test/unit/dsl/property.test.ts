import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compileQuery, compileYaml, type CliOverrides } from '../../../src/dsl/compile.js';
import { DiagnosticBag } from '../../../src/dsl/diagnostic.js';
import { exprToString } from '../../../src/dsl/expr-to-string.js';
import { parseExpr } from '../../../src/dsl/parse-expr.js';
import { parseWhole } from '../../../src/dsl/parse-query.js';
import type { PExpr } from '../../../src/plan/types.js';
import { exactSegment } from '../../../src/dsl/segment.js';
import { makeSource } from '../../../src/dsl/source.js';
import { toPExpr } from '../../../src/dsl/to-pexpr.js';
import { PipelineError } from '../../../src/dsl/pipeline-error.js';

/** Compiles or fails with a PipelineError whose every diagnostic is located inside its source. */
function compilesOrLocatedError(run: () => unknown): void {
  try {
    run();
  } catch (e) {
    if (!(e instanceof PipelineError)) throw e;
    expect(e.diagnostics.length).toBeGreaterThan(0);
    for (const d of e.diagnostics) {
      expect(d.source, d.message).toBeDefined();
      expect(d.span, d.message).toBeDefined();
      const { start, end } = d.span!;
      expect(Number.isInteger(start) && Number.isInteger(end)).toBe(true);
      expect(0 <= start && start <= end && end <= d.source!.text.length, `${d.message} ${start}-${end} in ${JSON.stringify(d.source!.text)}`).toBe(true);
    }
  }
}

const VOCAB = [
  'json',
  'logfmt',
  'csv',
  'tsv',
  'lines',
  'nginx',
  'apache',
  'regex',
  'where',
  'eval',
  'select',
  'drop',
  'time',
  'ingestion',
  'processing',
  'format',
  'lag',
  'idle',
  'window',
  'tumbling',
  'sliding',
  'session',
  'global',
  'count',
  'every',
  'emit',
  'limit',
  'by',
  'as',
  'and',
  'or',
  'not',
  'in',
  'true',
  'false',
  'null',
  'sum',
  'avg',
  'min',
  'max',
  'count_distinct',
  'approx_count_distinct',
  'p50',
  'p95',
  'percentile',
  'first',
  'last',
  'lower',
  'round',
  'coalesce',
  'if',
  'x',
  'http.status',
  '`a b`',
  '"(?<a>\\d+)"',
  "'str'",
  '"(unclosed"',
  '"unterminated',
  '0',
  '1',
  '2.5',
  '100',
  '0s',
  '5m',
  '1h30m',
  '250ms',
  '5x',
  '|',
  ',',
  '(',
  ')',
  '.',
  '=',
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  '=~',
  '+',
  '-',
  '*',
  '/',
  '%',
  '&&',
  '||',
  '!',
  '#',
  'toString',
  'constructor',
  '__proto__',
  '\t',
  '\n',
  'é',
  '`',
];

const tokens = fc.array(fc.constantFrom(...VOCAB), { maxLength: 25 });
const overrides: fc.Arbitrary<CliOverrides> = fc.record(
  {
    format: fc.constantFrom('json', 'jsn', 'regex:(?<a>x)', 'regex:(', 'regex'),
    time: fc.constantFrom('ts', 'a.b', 'x y', '', 'ingestion'),
    lag: fc.constantFrom('5s', '5x', '', '0s'),
    idle: fc.constantFrom('1m', '0s', 'q'),
    timeFormat: fc.constantFrom('%s'),
    output: fc.constantFrom('csv', 'tabel'),
  },
  { requiredKeys: [] },
);

describe('property: compile never throws anything but a located PipelineError', () => {
  test('random strings as queries', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (q) => compilesOrLocatedError(() => compileQuery(q, {}))),
      { numRuns: 500 },
    );
  });

  test('random token sequences as queries, with random options', () => {
    fc.assert(
      fc.property(tokens, fc.constantFrom(' ', ''), overrides, (ts, sep, o) => compilesOrLocatedError(() => compileQuery(ts.join(sep), o))),
      { numRuns: 1500 },
    );
  });

  test('random strings as YAML files', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (t) => compilesOrLocatedError(() => compileYaml('p.yaml', t, {}))),
      { numRuns: 300 },
    );
  });

  const yamlValue = fc.oneof(
    tokens.map((ts) => ts.join(' ')),
    tokens.map((ts) => JSON.stringify(ts.join(' '))),
    tokens.map((ts) => `|\n    ${ts.join(' ')}\n`),
    fc.constantFrom(
      '{ tumbling: 1m }',
      '{ sliding: 5m, every: 1m }',
      '[a, b]',
      '{ by: [host], n: count() }',
      '{ every: 0s }',
      '5',
      'true',
      '',
      '{ field: ts, lag: 5x }',
    ),
  );
  const yamlKey = fc.constantFrom('where', 'eval', 'select', 'drop', 'time', 'window', 'aggregate', 'emit', 'limit', 'wher');
  const topKey = fc.constantFrom('from', 'follow', 'format', 'time', 'query', 'to', 'output', 'state', 'parallelism', 'max_errors', 'fromm');

  test('random YAML pipelines built from the vocabulary', () => {
    const doc = fc
      .tuple(fc.array(fc.tuple(topKey, yamlValue), { maxLength: 4 }), fc.array(fc.tuple(yamlKey, yamlValue), { maxLength: 5 }))
      .map(([top, steps]) => {
        const lines = [...new Map(top).entries()].map(([k, v]) => `${k}: ${v}`);
        if (steps.length) lines.push('steps:', ...steps.map(([k, v]) => `  - ${k}: ${v.replace(/\n/g, '\n    ')}`));
        return lines.join('\n');
      });
    fc.assert(
      fc.property(doc, overrides, (t, o) => compilesOrLocatedError(() => compileYaml('p.yaml', t, o))),
      { numRuns: 1000 },
    );
  });
});

describe('property: exprToString parses back to the same expression', () => {
  const name = fc.oneof(fc.constantFrom('a', 'b', 'status', 'x_1', '@ts', 'é'), fc.constantFrom('with space', 'and', 'in', 'null', '1abc', 'a-b'));
  const literal: fc.Arbitrary<PExpr> = fc.oneof(
    fc.integer({ min: -1000, max: 1000 }).map((value) => ({ kind: 'literal', value }) as PExpr),
    fc.integer({ min: 0, max: 400 }).map((n) => ({ kind: 'literal', value: n / 4 }) as PExpr),
    fc.string({ unit: 'binary', maxLength: 8 }).map((value) => ({ kind: 'literal', value }) as PExpr),
    fc.constantFrom<PExpr>({ kind: 'literal', value: true }, { kind: 'literal', value: false }, { kind: 'literal', value: null }),
  );
  const ops = ['+', '-', '*', '/', '%', '==', '!=', '<', '<=', '>', '>=', 'and', 'or', '=~'] as const;
  const { expr } = fc.letrec<{ expr: PExpr }>((tie) => ({
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      literal,
      fc.array(name, { minLength: 1, maxLength: 3 }).map((path) => ({ kind: 'field', path }) as PExpr),
      fc
        .tuple(fc.constantFrom('-', 'not'), tie('expr'))
        // The parser folds `-` into a number literal, so that tree never comes out of it.
        .filter(([op, e]) => !(op === '-' && e.kind === 'literal' && typeof e.value === 'number'))
        .map(([op, operand]) => ({ kind: 'unary', op, operand }) as PExpr),
      fc.tuple(fc.constantFrom(...ops), tie('expr'), tie('expr')).map(([op, left, right]) => ({ kind: 'binary', op, left, right }) as PExpr),
      fc
        .tuple(tie('expr'), fc.array(tie('expr'), { minLength: 1, maxLength: 3 }), fc.boolean())
        .map(([operand, list, negated]) => ({ kind: 'in', operand, list, negated }) as PExpr),
      fc
        .tuple(fc.constantFrom('lower', 'round', 'coalesce'), fc.array(tie('expr'), { maxLength: 3 }))
        .map(([n, args]) => ({ kind: 'call', name: n, args }) as PExpr),
    ),
  }));

  test('round trip', () => {
    fc.assert(
      fc.property(expr, (e) => {
        const text = exprToString(e);
        const bag = new DiagnosticBag();
        const parsed = parseWhole(exactSegment(makeSource('<t>', text)), bag, parseExpr, 'the expression');
        expect(
          bag.items.map((d) => d.message),
          text,
        ).toEqual([]);
        expect(toPExpr(parsed!), text).toEqual(e);
      }),
      { numRuns: 1000 },
    );
  });
});

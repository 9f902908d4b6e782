import { describe, expect, test } from 'vitest';
import { error, type Diagnostic } from '../../../src/dsl/diagnostic.js';
import { renderDiagnostic, renderDiagnostics } from '../../../src/dsl/render.js';
import { makeSource } from '../../../src/dsl/source.js';
import { queryErrors, yamlErrors } from './helpers.js';

describe('rendering', () => {
  test('unknown stage, as in the design notes', () => {
    const [d] = queryErrors('json | wher status > 5');
    expect(renderDiagnostic(d!, { color: false })).toBe(
      ['error: unknown stage `wher`', ' --> <query>:1:8', '  |', '1 | json | wher status > 5', '  |        ^^^^', '  = help: did you mean `where`?'].join('\n'),
    );
  });

  test('two-digit line numbers widen the gutter; summary line for several errors', () => {
    const text = `${'# pad\n'.repeat(9)}steps:\n  - where: lowr(x)\n  - limit: 0\n`;
    const out = renderDiagnostics(yamlErrors(text), { color: false });
    expect(out).toBe(
      [
        'error: unknown function `lowr`',
        '  --> pipeline.yaml:11:12',
        '   |',
        '11 |   - where: lowr(x)',
        '   |            ^^^^',
        '   = help: did you mean `lower`?',
        '',
        'error: the limit must be a whole number from 1 to 9007199254740991, not `0`',
        '  --> pipeline.yaml:12:12',
        '   |',
        '12 |   - limit: 0',
        '   |            ^',
        '',
        'error: could not compile the pipeline due to 2 previous errors',
        '',
      ].join('\n'),
    );
  });

  test('an option value renders with its own source', () => {
    const [d] = queryErrors('json', { lag: '5x', time: 'ts' });
    expect(renderDiagnostic(d!, { color: false })).toBe(
      [
        'error: invalid duration `5x` for `--lag`',
        ' --> <option --lag>:1:1',
        '  |',
        '1 | 5x',
        '  | ^^',
        '  = help: durations are written like `250ms`, `10s`, `5m`, `1h`, `1d` or `1h30m`',
      ].join('\n'),
    );
  });

  test('empty span at the end gets one caret; tabs are expanded', () => {
    const d: Diagnostic = error('expected an expression', makeSource('<query>', 'a\twhere'), { start: 7, end: 7 });
    expect(renderDiagnostic(d, { color: false }).split('\n').slice(3)).toEqual(['1 | a    where', '  |           ^']);
  });

  test('without a source: message and help only', () => {
    expect(renderDiagnostic(error('boom', undefined, undefined, ['try again']), { color: false })).toBe('error: boom\n = help: try again');
  });

  test('colour only when asked', () => {
    const [d] = queryErrors('json | wher x');
    expect(renderDiagnostic(d!, { color: false })).not.toContain('\u001b[');
    const coloured = renderDiagnostic(d!, { color: true });
    expect(coloured).toContain('\u001b[');
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(renderDiagnostic(d!, { color: false }));
  });
});

describe('rendering stays small whatever the input', () => {
  const long = (n: number): string => Array.from({ length: n }, (_, i) => `f${i}`).join(' + ');

  test('a long line is quoted as an excerpt around the caret', () => {
    const query = `json | where ${long(200)} > 1 | wher x | limit 1`;
    const [d] = queryErrors(query);
    const lines = renderDiagnostic(d!, { color: false }).split('\n');
    const at = query.indexOf('wher x');
    expect(lines[1]).toBe(` --> <query>:1:${at + 1}`);
    // Near the end of the line: its last 120 columns.
    const from = query.length - 120;
    expect(lines[3]).toBe(`1 | …${query.slice(from)}`);
    expect(lines[4]).toBe(`  |  ${' '.repeat(at - from)}^^^^`);
    const mid = queryErrors(`json | where ${long(100)} > 1 | wher x | where ${long(100)} > 1`)[0]!;
    const text = mid.source!.text;
    const m = text.indexOf('wher x');
    expect(renderDiagnostic(mid, { color: false }).split('\n').slice(3, 5)).toEqual([`1 | …${text.slice(m - 40, m + 80)}…`, `  |  ${' '.repeat(40)}^^^^`]);
  });

  test('a caret near the start and near the end of a long line', () => {
    const src = makeSource('<query>', `${'x'.repeat(300)}`);
    const first = renderDiagnostic(error('here', src, { start: 2, end: 3 }), { color: false }).split('\n');
    expect(first[3]).toBe(`1 | ${'x'.repeat(120)}…`);
    expect(first[4]).toBe('  |   ^');
    const last = renderDiagnostic(error('here', src, { start: 299, end: 300 }), { color: false }).split('\n');
    expect(last[3]).toBe(`1 | …${'x'.repeat(120)}`);
    expect(last[4]).toBe(`  | ${' '.repeat(120)}^`);
  });

  test('a long span is marked up to the end of the excerpt', () => {
    const src = makeSource('<query>', `ab ${'y'.repeat(500)}`);
    const lines = renderDiagnostic(error('here', src, { start: 3, end: 503 }), { color: false }).split('\n');
    expect(lines[4]).toBe(`  |    ${'^'.repeat(117)}`);
  });

  test('an excerpt never splits a surrogate pair', () => {
    const src = makeSource('<query>', `${'😀'.repeat(200)}`);
    const lines = renderDiagnostic(error('here', src, { start: 201, end: 203 }), { color: false }).split('\n');
    expect(lines[3]).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });

  test('long messages and help lines are cut', () => {
    const src = makeSource('<query>', 'x');
    const out = renderDiagnostic(error(`unknown stage \`${'w'.repeat(10_000)}\``, src, { start: 0, end: 1 }, ['h'.repeat(10_000)]), { color: false });
    expect(out.length).toBeLessThan(1000);
    expect(out.split('\n')[0]).toBe(`error: unknown stage \`${'w'.repeat(300 - 15)}…`);
  });

  test('at most 20 diagnostics, then a count of the others', () => {
    const query = `json${' | wher x'.repeat(25)}`;
    const out = renderDiagnostics(queryErrors(query), { color: false });
    expect(out.match(/^error: unknown stage/gm)).toHaveLength(20);
    expect(out).toMatch(/\n\nerror: and 5 more errors\n\nerror: could not compile the pipeline due to 25 previous errors\n$/);
  });
});

import { describe, expect, test } from 'vitest';
import { error, type Diagnostic } from '../../../src/dsl/diagnostic.js';
import { renderDiagnostic, renderDiagnostics } from '../../../src/dsl/render.js';
import { makeSource } from '../../../src/dsl/source.js';
import { queryErrors, yamlErrors } from './helpers.js';

describe('rendering', () => {
  test('unknown stage, as in the design notes', () => {
    const [d] = queryErrors('json | wher status > 5');
    expect(renderDiagnostic(d!, { color: false })).toBe([
      'error: unknown stage `wher`',
      ' --> <query>:1:8',
      '  |',
      '1 | json | wher status > 5',
      '  |        ^^^^',
      '  = help: did you mean `where`?',
    ].join('\n'));
  });

  test('two-digit line numbers widen the gutter; summary line for several errors', () => {
    const text = `${'# pad\n'.repeat(9)}steps:\n  - where: lowr(x)\n  - limit: 0\n`;
    const out = renderDiagnostics(yamlErrors(text), { color: false });
    expect(out).toBe([
      'error: unknown function `lowr`',
      '  --> pipeline.yaml:11:12',
      '   |',
      '11 |   - where: lowr(x)',
      '   |            ^^^^',
      '   = help: did you mean `lower`?',
      '',
      'error: the limit must be a whole number above 0, not `0`',
      '  --> pipeline.yaml:12:12',
      '   |',
      '12 |   - limit: 0',
      '   |            ^',
      '',
      'error: could not compile the pipeline due to 2 previous errors',
      '',
    ].join('\n'));
  });

  test('an option value renders with its own source', () => {
    const [d] = queryErrors('json', { lag: '5x', time: 'ts' });
    expect(renderDiagnostic(d!, { color: false })).toBe([
      'error: invalid duration `5x` for `--lag`',
      ' --> <option --lag>:1:1',
      '  |',
      '1 | 5x',
      '  | ^^',
      '  = help: durations are written like `250ms`, `10s`, `5m`, `1h`, `1d` or `1h30m`',
    ].join('\n'));
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

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'fstream-test-'));
const ROUTES = readFileSync('fixtures/tests/routes.test.yaml', 'utf8');

describe('fstream test', () => {
  it('runs the cases of each file on a simulated clock: exit 0 when all pass', async () => {
    const res = await runCli(['test', 'fixtures/tests/routes.test.yaml', 'fixtures/tests/clock.test.yaml']);
    expect(res.stdout).toBe(
      [
        'fixtures/tests/routes.test.yaml',
        '  ✓ every window fires at the end of the input',
        '  ✓ a window fires when the watermark passes its end; later events for it are late',
        'fixtures/tests/clock.test.yaml',
        '  ✓ a processing-time window fires when the clock passes its end',
        '3 cases, passed',
        '',
      ].join('\n'),
    );
    expect(res.code).toBe(0);
  });

  it('the README shows fixtures/tests/watermark.test.yaml as it is, and it passes', async () => {
    const text = readFileSync('fixtures/tests/watermark.test.yaml', 'utf8');
    expect(readFileSync('README.md', 'utf8')).toContain(`\`\`\`yaml\n${text}\`\`\``);
    const res = await runCli(['test', 'fixtures/tests/watermark.test.yaml']);
    expect(res.code).toBe(0);
  });

  it('a wrong expectation: a diff of expected and actual records, and exit 1', async () => {
    const file = path.join(tmp, 'wrong.test.yaml');
    writeFileSync(file, ROUTES.replace('route: /a, count: 2}', 'route: /a, count: 3}').replace('- {line: 5}', '- {line: 4}'));
    const res = await runCli(['test', file]);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(
      [
        '  ✗ every window fires at the end of the input',
        '      output (- expected, + actual):',
        '      - {"count":3,"route":"/a","window_end":"2026-03-01T10:01:00.000Z","window_start":"2026-03-01T10:00:00.000Z"}',
        '      + {"count":2,"route":"/a","window_end":"2026-03-01T10:01:00.000Z","window_start":"2026-03-01T10:00:00.000Z"}',
        '        {"count":1,"route":"/b","window_end":"2026-03-01T10:02:00.000Z","window_start":"2026-03-01T10:01:00.000Z"}',
      ].join('\n'),
    );
    expect(res.stdout).toContain('      bad records (- expected, + actual):\n      - {"line":4}\n      + {"line":5}');
    expect(res.stdout).toContain('2 cases, 2 failed');
  });

  it('--update writes what came out as the expectations, keeping comments; the file then passes', async () => {
    const file = path.join(tmp, 'update.test.yaml');
    writeFileSync(
      file,
      [
        '# my comment',
        'pipeline: "json | count by k"',
        'cases:',
        '  - name: counts',
        '    input: [\'{"k":1}\', \'{"k":1}\', \'{"k":2}\']',
        '    expect: []',
        '',
      ].join('\n'),
    );
    const before = await runCli(['test', file]);
    expect(before.code).toBe(1);
    const update = await runCli(['test', '--update', file]);
    expect(update.code).toBe(0);
    expect(update.stdout).toContain('  ↻ counts');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('# my comment');
    const after = await runCli(['test', file]);
    expect(after.stdout).toContain('  ✓ counts');
    expect(after.code).toBe(0);
  });

  it('a mistake in a test file or its pipeline: a clear error and exit 2', async () => {
    const file = path.join(tmp, 'bad.test.yaml');
    writeFileSync(file, ['pipeline: "json | count"', 'cases:', '  - name: x', '    steps:', '      - advance: 10s', ''].join('\n'));
    const res = await runCli(['test', file]);
    expect(res.code).toBe(2);
    expect(res.stderr).toBe(
      `error: ${file}: cases[0].steps[0]: expected one of \`input\`, \`expect\`, \`advance_clock\`, \`advance_watermark\`\n  = help: e.g. \`- advance_clock: 10s\`\n`,
    );
    writeFileSync(file, ['pipeline: "json | wher x > 1"', 'cases:', '  - input: []', ''].join('\n'));
    const pipeline = await runCli(['test', file]);
    expect(pipeline.code).toBe(2);
    expect(pipeline.stderr).toContain('unknown stage `wher`');
  });
});

import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../support/run-cli.js';
import { Terminal, hasTmux } from '../support/terminal.js';

const QUERY = 'json | window tumbling 1m | count by route';

describe('-o chart', () => {
  it('draws the first aggregate per window, one sparkline per key, once at the end on a pipe', async () => {
    const res = await runCli(['--from', 'fixtures/access.ndjson', '--time', 'ts', '-o', 'chart', QUERY]);
    expect(res.code).toBe(0);
    const lines = res.stdout.split('\n');
    expect(lines[0]).toBe('count per window (plot: /health)');
    expect(res.stdout).toContain('2026-03-01T09:59:00.000Z … 2026-03-01T10:05:00.000Z (7 windows)');
    expect(res.stdout).toMatch(/^\/health {6}[▁-█]{7} {2}min 0 {2}max 5 {2}last 1$/m);
    expect(lines.filter((l) => /^ {2}\S/.test(l) === false && / [┤┼]/.test(l)).length).toBe(13);
  });

  it('needs an aggregation, and stdout', async () => {
    const none = await runCli(['-o', 'chart', 'json | where a > 1'], { stdin: '' });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('`-o chart` draws the values of an aggregation per window, and this pipeline has none');
    const to = await runCli(['-o', 'chart', '--to', path.join(tmpdir(), 'never.txt'), QUERY], { stdin: '' });
    expect(to.code).toBe(2);
    expect(to.stderr).toContain('`-o chart` draws on the terminal (stdout), not into --to files');
  });
});

let term: Terminal;
beforeEach(() => {
  term = new Terminal();
});
afterEach(() => term.close());
const tmp = mkdtempSync(path.join(tmpdir(), 'fstream-chart-'));

describe.skipIf(!hasTmux)('-o chart on a terminal', () => {
  it('is redrawn in place as a followed input grows', async () => {
    const live = path.join(tmp, 'live.ndjson');
    const line = (min: number, route: string): string => `${JSON.stringify({ ts: new Date(Date.UTC(2026, 2, 1, 10, min, 1)).toISOString(), route })}\n`;
    writeFileSync(live, line(0, '/a') + line(1, '/a') + line(1, '/a'));
    term.start(`NO_COLOR=1 ${BIN} -f -o chart --from ${live} --time ts '${QUERY}'`, { columns: 100, rows: 24 });
    const waitFor = (re: RegExp): Promise<string> => term.waitFor((s) => re.test(s));
    await waitFor(/\(2 windows\)/);
    appendFileSync(live, line(2, '/a') + line(3, '/b'));
    const s = await waitFor(/\(4 windows\)/);
    expect(s).toMatch(/^\/a +\S{4} {2}min 0 {2}max 2 {2}last 0$/m);
    // Redrawn in place: one chart on the screen.
    expect(s.match(/windows\)/g)).toHaveLength(1);
  });
});

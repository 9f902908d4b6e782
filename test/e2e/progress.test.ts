import { appendFileSync, copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli } from '../support/run-cli.js';
import { Terminal, hasTmux } from '../support/terminal.js';

// The progress line is drawn on a real terminal, read through tmux (see Terminal).
let term: Terminal;
beforeEach(() => {
  term = new Terminal();
});
afterEach(() => term.close());
const tmp = mkdtempSync(path.join(tmpdir(), 'fstream-progress-'));
const start = (command: string): void => term.start(command, { columns: 160, rows: 10 });

describe.skipIf(!hasTmux)('progress on a terminal', () => {
  it('a bounded input: the bar ends at 100% with the totals; stdout holds only the results', async () => {
    const out = path.join(tmp, 'out.ndjson');
    const query = 'json | window tumbling 1m | count by route';
    start(`${BIN} --from fixtures/access.ndjson --time ts --lag 5s '${query}' > ${out}`);
    const s = await term.waitFor((x) => x.includes('EXIT='));
    expect(s).toMatch(/█{24} 100% 11\.0 KiB of 11\.0 KiB · [\d.]+ [KM]iB\/s · [\d.]+k? records\/s · in [\d.]+s/);
    expect(s).toContain('EXIT=0');
    const plain = await runCli(['--from', 'fixtures/access.ndjson', '--time', 'ts', '--lag', '5s', query]);
    expect(readFileSync(out, 'utf8')).toBe(plain.stdout);
  });

  it('a followed input: a status line updated in place as the file grows', async () => {
    const live = path.join(tmp, 'live.ndjson');
    copyFileSync(path.join(ROOT, 'fixtures/access.ndjson'), live);
    start(`${BIN} -f --from ${live} 'json' > /dev/null`);
    await term.waitFor((x) => /following · 11\.0 KiB so far · 80 records/.test(x));
    appendFileSync(live, readFileSync(path.join(ROOT, 'fixtures/access.ndjson')));
    const s = await term.waitFor((x) => /following · 22\.1 KiB so far · 160 records/.test(x));
    // Redrawn in place: one status line on the screen, not one per update.
    expect(s.split('\n').filter((l) => l.startsWith('following')).length).toBe(1);
  });

  it('--no-progress: nothing on the terminal but the results (a table there)', async () => {
    start(`${BIN} --no-progress --from fixtures/access.ndjson 'json | count'`);
    const s = await term.waitFor((x) => x.includes('EXIT='));
    expect(s).toMatch(/count\n\s+80\n/);
    expect(s).not.toContain('records/s');
  });
});

describe('progress on a non-terminal', () => {
  it('is off by default, and --progress forces it onto stderr, never stdout', async () => {
    const off = await runCli(['--from', 'fixtures/access.ndjson', 'json | count']);
    expect(off.stderr).toBe('');
    const on = await runCli(['--progress', '--from', 'fixtures/access.ndjson', 'json | count']);
    expect(on.stdout).toBe('{"count":80}\n');
    expect(on.stderr).toMatch(/100% 11\.0 KiB of 11\.0 KiB/);
  });
});

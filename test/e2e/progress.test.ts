import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli } from '../support/run-cli.js';

// The progress line is drawn on a real terminal: tmux runs fstream in a pseudo-terminal and the
// test reads its screen (`tmux capture-pane`). Skipped where tmux is missing (CI installs it).
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const tmp = mkdtempSync(path.join(tmpdir(), 'fstream-progress-'));
const socket = path.join(tmp, 'tmux.sock');
const tmux = (...args: string[]): string => execFileSync('tmux', ['-S', socket, ...args], { encoding: 'utf8' });
const screen = (): string => tmux('capture-pane', '-p', '-t', 'fs');

async function waitForScreen(pred: (s: string) => boolean, timeoutMs = 10_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const s = screen();
    if (pred(s)) return s;
    if (Date.now() > until) throw new Error(`timed out; screen:\n${s}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function start(command: string): void {
  tmux('new-session', '-d', '-s', 'fs', '-x', '160', '-y', '10', '-c', ROOT, `${command}; echo EXIT=$?; sleep 60`);
}

afterEach(() => {
  if (hasTmux) spawnSync('tmux', ['-S', socket, 'kill-server']);
});

describe.skipIf(!hasTmux)('progress on a terminal', () => {
  it('a bounded input: the bar ends at 100% with the totals; stdout holds only the results', async () => {
    const out = path.join(tmp, 'out.ndjson');
    const query = 'json | window tumbling 1m | count by route';
    start(`${BIN} --from fixtures/access.ndjson --time ts --lag 5s '${query}' > ${out}`);
    const s = await waitForScreen((x) => x.includes('EXIT='));
    expect(s).toMatch(/█{24} 100% 11\.0 KiB of 11\.0 KiB · [\d.]+ [KM]iB\/s · [\d.]+k? records\/s · in [\d.]+s/);
    expect(s).toContain('EXIT=0');
    const plain = await runCli(['--from', 'fixtures/access.ndjson', '--time', 'ts', '--lag', '5s', query]);
    expect(readFileSync(out, 'utf8')).toBe(plain.stdout);
  });

  it('a followed input: a status line updated in place as the file grows', async () => {
    const live = path.join(tmp, 'live.ndjson');
    copyFileSync(path.join(ROOT, 'fixtures/access.ndjson'), live);
    start(`${BIN} -f --from ${live} 'json' > /dev/null`);
    await waitForScreen((x) => /following · 11\.0 KiB so far · 80 records/.test(x));
    appendFileSync(live, readFileSync(path.join(ROOT, 'fixtures/access.ndjson')));
    const s = await waitForScreen((x) => /following · 22\.1 KiB so far · 160 records/.test(x));
    // Redrawn in place: one status line on the screen, not one per update.
    expect(s.split('\n').filter((l) => l.startsWith('following')).length).toBe(1);
  });

  it('--no-progress: nothing on the terminal but the results (a table there)', async () => {
    start(`${BIN} --no-progress --from fixtures/access.ndjson 'json | count'`);
    const s = await waitForScreen((x) => x.includes('EXIT='));
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

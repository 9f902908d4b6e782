import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli } from '../support/run-cli.js';

// The live table is read off a real terminal: tmux runs fstream in a pseudo-terminal and the test
// reads its screen. Skipped where tmux is missing (CI installs it).
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const tmp = mkdtempSync(path.join(tmpdir(), 'fstream-live-'));
const socket = path.join(tmp, 'tmux.sock');
const tmux = (...args: string[]): string => execFileSync('tmux', ['-S', socket, ...args], { encoding: 'utf8' });
const screen = (): string => tmux('capture-pane', '-p', '-t', 'lv');

async function waitForScreen(pred: (s: string) => boolean, timeoutMs = 10_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const s = screen();
    if (pred(s)) return s;
    if (Date.now() > until) throw new Error(`timed out; screen:\n${s}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const line = (sec: number, route: string): string => `${JSON.stringify({ ts: new Date(Date.UTC(2026, 2, 1, 10, 0, sec)).toISOString(), route })}\n`;

afterEach(() => {
  if (hasTmux) spawnSync('tmux', ['-S', socket, 'kill-server']);
});

describe.skipIf(!hasTmux)('the live table on a terminal', () => {
  it('running values are marked and updated in place; a fired window’s row becomes final; the footer shows the watermark', async () => {
    const live = path.join(tmp, 'live.ndjson');
    writeFileSync(live, line(1, '/a') + line(2, '/b'));
    const query = 'json | window tumbling 1m | count by route';
    tmux(
      'new-session',
      '-d',
      '-s',
      'lv',
      '-x',
      '120',
      '-y',
      '12',
      '-c',
      ROOT,
      `NO_COLOR=1 ${BIN} -f --from ${live} --time ts '${query}'; echo EXIT=$?; sleep 60`,
    );
    let s = await waitForScreen((x) => /\*\s+2026-03-01T10:00:00.000Z\s+2026-03-01T10:01:00.000Z\s+\/a\s+1/.test(x));
    expect(s).toMatch(/watermark 2026-03-01T10:00:01.999Z \(.+ behind the clock\) · \d+ records\/s · 0 late · 0 bad · \* running/);
    appendFileSync(live, line(3, '/a'));
    s = await waitForScreen((x) => /\*\s+\S+\s+\S+\s+\/a\s+2/.test(x));
    // One row per result: the update replaced the row.
    expect(s.split('\n').filter((l) => l.includes(' /a ')).length).toBe(1);
    appendFileSync(live, line(70, '/c'));
    s = await waitForScreen((x) => /^\s+2026-03-01T10:00:00.000Z\s+2026-03-01T10:01:00.000Z\s+\/a\s+2$/m.test(x));
    expect(s).toMatch(/\*\s+2026-03-01T10:01:00.000Z\s+2026-03-01T10:02:00.000Z\s+\/c\s+1/);
    tmux('send-keys', '-t', 'lv', 'C-c');
    s = await waitForScreen((x) => x.includes('EXIT='));
    expect(s).toContain('EXIT=0');
    expect(s).not.toContain('*');
    expect(s).toMatch(/2026-03-01T10:01:00.000Z\s+2026-03-01T10:02:00.000Z\s+\/c\s+1/);
  });

  it('a bounded input ends with the same table a pipe gets with -o table', async () => {
    const query = 'json | window tumbling 1m | count by route';
    tmux(
      'new-session',
      '-d',
      '-s',
      'lv',
      '-x',
      '120',
      '-y',
      '60',
      '-c',
      ROOT,
      `NO_COLOR=1 ${BIN} --from fixtures/access.ndjson --time ts --lag 5s '${query}'; echo EXIT=$?; sleep 60`,
    );
    const s = await waitForScreen((x) => x.includes('EXIT='));
    const piped = await runCli(['--from', 'fixtures/access.ndjson', '--time', 'ts', '--lag', '5s', '-o', 'table', query]);
    const shown = s.slice(0, s.indexOf('EXIT=')).trimEnd();
    expect(shown).toBe(piped.stdout.trimEnd());
  });
});

describe('not on a terminal', () => {
  it('output stays NDJSON, each record as it is produced', async () => {
    const res = await runCli(['--from', 'fixtures/access.ndjson', 'json | count']);
    expect(res.stdout).toBe('{"count":80}\n');
    expect(readFileSync(path.join(ROOT, 'fixtures/access.ndjson'), 'utf8').length).toBeGreaterThan(0);
  });
});

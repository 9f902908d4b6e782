import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/run-cli.js';

/**
 * Keyed state past `--memory`: spilled to sorted runs on disk, merged back when windows fire;
 * the same results as in memory at every parallelism, and runs carried through --state (restore
 * at the same parallelism adopts them, at another each worker reads its keys out of them).
 */
const tmp = mkdtempSync(path.join(tmpdir(), 'fstream-spill-'));
const input = path.join(tmp, 'keys.ndjson');
const QUERY = 'json | window tumbling 1m | count, first(route) as route, sum(bytes) by user';
const sorted = (s: string): string[] => s.split('\n').filter(Boolean).sort();

beforeAll(() => {
  const gen = (lines: number, out: string) =>
    execFileSync(process.execPath, ['bench/gen.mjs', '--lines', String(lines), '--seed', '5', '--rate', '50', '--unique-users', '--out', out], { cwd: ROOT });
  gen(12_000, input);
});

describe('--memory: keyed state larger than its budget', () => {
  it('gives the results of a run in memory at -p 1 and 2, and leaves no temporary runs behind', async () => {
    const base = ['--from', input, '--time', 'ts', QUERY];
    const inMemory = await runCli(['-p', '1', ...base]);
    expect(inMemory.code, inMemory.stderr).toBe(0);
    expect(sorted(inMemory.stdout).length).toBeGreaterThan(11_000);
    const before = readdirSync(tmpdir()).filter((n) => n.startsWith('fstream-runs-')).length;
    for (const p of ['1', '2']) {
      const spilled = await runCli(['-p', p, '--memory', '256KB', ...base]);
      expect(spilled.code, spilled.stderr).toBe(0);
      expect(spilled.stdout).toBe(inMemory.stdout);
    }
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith('fstream-runs-')).length).toBe(before);
  });

  it('keeps open windows in runs through --state and goes on at another parallelism', async () => {
    const whole = await runCli(['-p', '1', '--from', input, '--time', 'ts', QUERY]);
    const text = readFileSync(input, 'utf8');
    const cut = text.indexOf('\n', text.length >> 1) + 1;
    for (const [first, second] of [
      ['2', '2'],
      ['2', '1'],
      ['1', '4'],
    ] as const) {
      const state = mkdtempSync(path.join(tmp, `state-${first}-${second}-`));
      const log = path.join(state, '..', `${path.basename(state)}.ndjson`);
      writeFileSync(log, text.slice(0, cut));
      const a = await runCli(['-p', first, '--memory', '256KB', '--state', state, '--no-drain', '--from', log, '--time', 'ts', QUERY]);
      expect(a.code, a.stderr).toBe(0);
      expect(existsSync(path.join(state, 'runs'))).toBe(true);
      const ls = await runCli(['state', 'ls', state]);
      expect(ls.stdout).toMatch(/entries, \+ [\d.]+ KiB in \d+ entries in \d+ runs? on disk/);
      // The file grows to the whole input: the second run reads on from where the first stopped.
      appendFileSync(log, text.slice(cut));
      const b = await runCli(['-p', second, '--memory', '256KB', '--state', state, '--from', log, '--time', 'ts', QUERY]);
      expect(b.code, b.stderr).toBe(0);
      expect([...sorted(a.stdout), ...sorted(b.stdout)].sort(), `-p ${first} then -p ${second}`).toEqual(sorted(whole.stdout));
    }
  });

  it('a place it cannot spill to is a clear error (exit 1), not a crash or a hang', async () => {
    const file = path.join(tmp, 'not-a-directory');
    writeFileSync(file, '');
    for (const p of ['1', '2']) {
      const r = await runCli(['-p', p, '--memory', '4KB', '--from', input, 'json | count by user'], { env: { TMPDIR: file } });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`cannot write keyed state past the memory budget to ${file}/fstream-runs-`);
      expect(r.stderr).not.toContain('internal error');
    }
  });

  it('refuses a budget without a unit or below 1KB', async () => {
    for (const bad of ['512', '0MB', 'lots']) {
      const r = await runCli(['--memory', bad, 'json']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--memory takes a size with its unit');
    }
  });
});

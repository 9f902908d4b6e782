import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'fstream-statedir-'));
const QUERY = 'json | window tumbling 1m | count by k';
const ev = (sec: number, k: string): string => JSON.stringify({ ts: new Date(Date.UTC(2026, 2, 1, 10, 0, sec)).toISOString(), k });
const run = (state: string, stdin = ev(1, 'a') + '\n' + ev(2, 'b') + '\n') => runCli(['--time', 'ts', '--state', state, QUERY], { stdin });

/** Names, sizes, mtimes and contents of every file in `dir`. */
function snapshot(dir: string): string[] {
  return readdirSync(dir).sort().map((n) => {
    const p = path.join(dir, n);
    const st = statSync(p);
    return `${n} ${st.size} ${st.mtimeMs} ${createHash('sha1').update(readFileSync(p)).digest('hex')}`;
  });
}

describe('state ls and show only read', () => {
  it('write, create and delete nothing in the directory', async () => {
    const state = path.join(tmp, 'readonly');
    expect((await run(state)).code).toBe(0);
    const before = snapshot(state);
    await new Promise((r) => setTimeout(r, 20));
    for (const action of ['ls', 'show']) expect((await runCli(['state', action, state])).code).toBe(0);
    expect(snapshot(state)).toEqual(before);
  });

  it('leave a directory no checkpoint was committed in as it is', async () => {
    const state = path.join(tmp, 'uncommitted');
    mkdirSync(state);
    writeFileSync(path.join(state, 'fstream-state.json'), JSON.stringify({ format: 2, committed: false }) + '\n');
    writeFileSync(path.join(state, 'data.mdb'), 'a run killed while creating it');
    const before = snapshot(state);
    const ls = await runCli(['state', 'ls', state]);
    expect(ls.stdout).toBe(`${state}: no checkpoint yet\n`);
    expect(snapshot(state)).toEqual(before);
  });
});

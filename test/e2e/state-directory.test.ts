import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LiveCli } from '../support/live-cli.js';
import { BIN, ROOT, runCli } from '../support/run-cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'fstream-statedir-'));
const QUERY = 'json | window tumbling 1m | count by k';
const ev = (sec: number, k: string): string => JSON.stringify({ ts: new Date(Date.UTC(2026, 2, 1, 10, 0, sec)).toISOString(), k });
const run = (state: string, stdin = ev(1, 'a') + '\n' + ev(2, 'b') + '\n') => runCli(['--time', 'ts', '--state', state, QUERY], { stdin });

/** Names, sizes, mtimes and contents of every file in `dir`. */
function snapshot(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .map((n) => {
      const p = path.join(dir, n);
      const st = statSync(p);
      return `${n} ${st.size} ${st.mtimeMs} ${createHash('sha1').update(readFileSync(p)).digest('hex')}`;
    });
}

/** A running job on `state` whose stdin stays open, once it holds the directory. */
async function holder(state: string): Promise<LiveCli> {
  const cli = new LiveCli(['--time', 'ts', '--state', state, '--checkpoint-interval', '100ms', QUERY]);
  cli.write(ev(1, 'a') + '\n' + ev(70, 'b') + '\n');
  await cli.waitFor(() => cli.records().length === 1, 10_000);
  // Both events were read; a few checkpoints later they are in the state.
  await new Promise((r) => setTimeout(r, 400));
  return cli;
}

describe('one process per state directory', () => {
  it('refuses a second run naming the holder; ls and show read; rm refuses; kill -9 leaves no lock', async () => {
    const state = path.join(tmp, 'held');
    const first = await holder(state);
    const second = await run(state);
    expect(second.code).toBe(1);
    expect(second.stderr).toBe(
      `error: the state directory ${state} is in use by another fstream process (pid ${first.child.pid}); one process per state directory\n`,
    );
    expect(second.stdout).toBe('');
    const ls = await runCli(['state', 'ls', state]);
    expect(ls.code, ls.stderr).toBe(0);
    expect(ls.stdout).toMatch(/^checkpoint \d+ \(latest\)/);
    expect((await runCli(['state', 'show', state])).code).toBe(0);
    const rm = await runCli(['state', 'rm', state]);
    expect(rm.code).toBe(1);
    expect(rm.stderr).toContain(`the state directory ${state} is in use by another fstream process (pid ${first.child.pid})`);
    expect(existsSync(path.join(state, 'data.mdb'))).toBe(true);
    first.child.kill('SIGKILL');
    await first.wait();
    const next = await run(state, ev(125, 'c') + '\n');
    expect(next.code, next.stderr).toBe(0);
    expect(next.stdout).toContain('"k":"b"');
    expect(readdirSync(state).sort()).toEqual(['data.mdb', 'fstream-state.json', 'lock.mdb']);
  });

  it('the same directory through a symlink is the same directory', async () => {
    const state = path.join(tmp, 'linked');
    const first = await holder(state);
    const link = path.join(tmp, 'link-to-state');
    spawnSync('ln', ['-s', state, link]);
    const second = await run(link);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('is in use by another fstream process');
    expect(await first.end()).toBe(0);
  });
});

describe('state ls and show only read', () => {
  it('write, create and delete nothing in the directory', async () => {
    const state = path.join(tmp, 'readonly');
    expect((await run(state)).code).toBe(0);
    const before = snapshot(state);
    await new Promise((r) => setTimeout(r, 20));
    for (const action of ['ls', 'show']) expect((await runCli(['state', action, state])).code).toBe(0);
    expect(snapshot(state)).toEqual(before);
  });

  it('read a consistent state beside a job that commits every few milliseconds', async () => {
    const state = path.join(tmp, 'busy');
    const job = new LiveCli(['--time', 'ts', '--state', state, '--checkpoint-interval', '5ms', 'json | window tumbling 1h | count, sum(n) by k']);
    // Lines still buffered when the job stops are dropped.
    job.child.stdin.on('error', () => {});
    let n = 0;
    const feed = setInterval(() => {
      job.write(
        Array.from({ length: 200 }, () => JSON.stringify({ ts: new Date(Date.UTC(2026, 2, 1, 10) + n).toISOString(), k: `k${n % 5000}`, n: n++ })).join('\n') +
          '\n',
      );
    }, 5);
    try {
      await job.waitFor(
        () => existsSync(path.join(state, 'fstream-state.json')) && readFileSync(path.join(state, 'fstream-state.json'), 'utf8').includes('"committed":true'),
        10_000,
      );
      for (let i = 0; i < 2; i++) {
        for (const action of ['ls', 'show']) {
          const res = await runCli(['state', action, state]);
          expect(res.stderr).toBe('');
          expect(res.stdout).toMatch(/^checkpoint \d+/);
        }
      }
    } finally {
      clearInterval(feed);
    }
    job.child.kill('SIGINT');
    expect(await job.wait()).toBe(0);
  });

  it('end quietly, exit 0, when the reader of their output is gone (| head)', async () => {
    const state = path.join(tmp, 'head');
    expect((await run(state)).code).toBe(0);
    for (const action of ['ls', 'show']) {
      // `true` exits before fstream writes: every write fails with EPIPE.
      const res = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" state ${action} "${state}" | true; echo "exit \${PIPESTATUS[0]}"`], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      expect(res.stderr, action).toBe('');
      expect(res.stdout, action).toBe('exit 0\n');
    }
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

/** A read-only bind mount of `dir`, or null where mounting is not allowed (not root, no CAP_SYS_ADMIN). */
function readOnlyMount(dir: string): string | null {
  const at = `${dir}-ro`;
  mkdirSync(at, { recursive: true });
  if (spawnSync('mount', ['--bind', dir, at]).status !== 0) return null;
  if (spawnSync('mount', ['-o', 'remount,ro,bind', at]).status !== 0) {
    spawnSync('umount', [at]);
    return null;
  }
  mounts.push(at);
  return at;
}
const mounts: string[] = [];
afterAll(() => {
  for (const m of mounts) spawnSync('umount', [m]);
});

describe('a state directory that cannot be written', () => {
  it('on a read-only file system: ls and show read, a run says plainly that it is not writable', async (ctx) => {
    const state = path.join(tmp, 'rofs');
    expect((await run(state)).code).toBe(0);
    const ro = readOnlyMount(state);
    if (ro === null) ctx.skip();
    const ls = await runCli(['state', 'ls', ro!]);
    expect(ls.code, ls.stderr).toBe(0);
    expect(ls.stdout).toBe((await runCli(['state', 'ls', state])).stdout.replaceAll(state, ro!));
    const show = await runCli(['state', 'show', ro!]);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain('aggregate (window tumbling)');
    const rm = await runCli(['state', 'rm', ro!]);
    expect(rm.code).toBe(1);
    expect(rm.stderr).toMatch(new RegExp(`^error: cannot delete the state in ${ro}: EROFS: read-only file system, [^\n]+\n$`));
    const res = await run(ro!);
    expect(res.code).toBe(1);
    expect(res.stderr).toBe(
      `error: the state directory ${ro} is not writable (it is on a read-only file system); a run with --state writes its checkpoints there (\`fstream state ls ${ro}\` can read it)\n`,
    );
  });

  it('in a directory the user may not write: ls and show read, a run says so', async (ctx) => {
    const state = path.join(tmp, 'not-mine');
    expect((await run(state)).code).toBe(0);
    // As another user (root may write anywhere): needs root and setpriv.
    const as = (args: string[], stdin = ''): ReturnType<typeof spawnSync> =>
      spawnSync('setpriv', ['--reuid', '65534', '--regid', '65534', '--clear-groups', process.execPath, BIN, ...args], {
        cwd: ROOT,
        input: stdin,
        encoding: 'utf8',
      });
    if (process.getuid?.() !== 0 || as(['--version']).status !== 0) ctx.skip();
    spawnSync('chmod', ['-R', 'a+rX', tmp]);
    const before = (await runCli(['state', 'ls', state])).stdout;
    const ls = as(['state', 'ls', state]);
    expect(ls.status, String(ls.stderr)).toBe(0);
    expect(ls.stdout).toBe(before);
    expect(as(['state', 'show', state]).status).toBe(0);
    const res = as(['--time', 'ts', '--state', state, QUERY], ev(3, 'a') + '\n');
    expect(res.status).toBe(1);
    expect(res.stderr).toBe(
      `error: the state directory ${state} is not writable (permission denied); a run with --state writes its checkpoints there (\`fstream state ls ${state}\` can read it)\n`,
    );
  });
});

describe('state rm', () => {
  it('deletes only what fstream wrote, and the directory only when nothing else is left', async () => {
    const state = path.join(tmp, 'rm-mixed');
    expect((await run(state)).code).toBe(0);
    writeFileSync(path.join(state, 'notes.txt'), 'mine');
    mkdirSync(path.join(state, 'keep'));
    const rm = await runCli(['state', 'rm', state]);
    expect(rm.code, rm.stderr).toBe(0);
    expect(rm.stdout).toBe(`removed the state in ${state}; kept the directory and what fstream did not write there: keep, notes.txt\n`);
    expect(readdirSync(state).sort()).toEqual(['keep', 'notes.txt']);
    expect(readFileSync(path.join(state, 'notes.txt'), 'utf8')).toBe('mine');
    // What is left is no longer a state directory.
    expect((await runCli(['state', 'rm', state])).code).toBe(2);
  });

  it('removes a state directory with only its own files, and refuses one that is not a state directory', async () => {
    const state = path.join(tmp, 'rm-clean');
    expect((await run(state)).code).toBe(0);
    const rm = await runCli(['state', 'rm', state]);
    expect(rm.stdout).toBe(`removed ${state}\n`);
    expect(existsSync(state)).toBe(false);
    const other = path.join(tmp, 'not-state');
    mkdirSync(other);
    writeFileSync(path.join(other, 'data.mdb'), 'not ours');
    const refused = await runCli(['state', 'rm', other]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${other} is not an fstream state directory`);
    expect(readdirSync(other)).toEqual(['data.mdb']);
  });
});

describe('a run killed while it made the state directory', () => {
  it('left a half-written marker beside no data: the next run starts afresh', async () => {
    const dir = path.join(tmp, 'half-marker');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'fstream-state.json.tmp'), '{"form');
    const r = await runCli(['--state', dir, 'json | count'], { stdin: '{"a":1}\n' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('{"count":1}\n');
    expect(JSON.parse(readFileSync(path.join(dir, 'fstream-state.json'), 'utf8'))).toMatchObject({ committed: true });
  });
});

import { cpSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LiveCli } from '../support/live-cli.js';
import { runCli, type CliResult } from '../support/run-cli.js';
import { LmdbPages } from '../unit/state/lmdb-pages.js';

/**
 * A damaged state directory is a clear error, never a crash (SIGBUS, SIGSEGV, an abort), a stack
 * trace or a wrong result (SPEC §7): a state written by a real run is damaged in many ways, and
 * `state ls`, `state show` and a resuming run are spawned on it (a crash would kill an in-process
 * test). Each either fails with one `error:` line naming the directory, or, when the damage is
 * somewhere it never reads (a free page, a value it does not show), prints exactly what it
 * prints on the undamaged state.
 */
const tmp = mkdtempSync(path.join(tmpdir(), 'fstream-damage-'));
const QUERY = 'json | window tumbling 1m | count, sum(v), p99(v), count_distinct(v) by k';
const KEYS = 3000;
const ev = (i: number): string => JSON.stringify({ ts: new Date(Date.UTC(2026, 2, 1, 10, 0, 0) + i * 10).toISOString(), k: `key-${i % KEYS}`, v: i });

let pristine: string;
let expected: Record<Command, CliResult>;

type Command = 'ls' | 'show' | 'run';
const commands: Command[] = ['ls', 'show', 'run'];

function invoke(cmd: Command, dir: string): Promise<CliResult> {
  if (cmd === 'run') return runCli(['--time', 'ts', '--state', dir, QUERY], { stdin: ev(29_000) + '\n' });
  return runCli(['state', cmd, dir]);
}

/** A state with an open window of KEYS keys: the first minutes fire, then SIGINT keeps the rest. */
async function writeState(dir: string): Promise<void> {
  const cli = new LiveCli(['--time', 'ts', '--state', dir, QUERY]);
  cli.write(Array.from({ length: 30_000 }, (_, i) => ev(i)).join('\n') + '\n');
  await cli.waitFor(() => cli.stdout.split('\n').length > 4 * KEYS, 20_000);
  cli.child.kill('SIGINT');
  expect(await cli.wait()).toBe(0);
}

/** Runs every command on a damaged copy and checks the outcome. */
async function expectSafe(damage: (file: string) => void, mustFail: Command[] = []): Promise<void> {
  const dir = mkdtempSync(path.join(tmp, 'case-'));
  cpSync(pristine, dir, { recursive: true });
  damage(path.join(dir, 'data.mdb'));
  for (const cmd of commands) {
    const res = await invoke(cmd, dir);
    const what = `${cmd}: ${res.stderr}`;
    expect(res.signal, what).toBeNull();
    expect([0, 1], what).toContain(res.code);
    if (res.code === 1) {
      expect(res.stderr, what).toMatch(/^error: [^\n]*\n$/);
      expect(res.stderr, what).toContain(dir);
      expect(res.stderr, what).not.toContain('internal error');
    } else {
      expect(mustFail, what).not.toContain(cmd);
      expect(res.stderr, what).toBe('');
      const same = (s: string): string =>
        s
          .replaceAll(pristine, 'DIR')
          .replaceAll(dir, 'DIR')
          .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z/g, 'TIME');
      expect(same(res.stdout), what).toBe(same(expected[cmd].stdout));
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  pristine = path.join(tmp, 'pristine');
  await writeState(pristine);
  expected = {} as Record<Command, CliResult>;
  for (const c of commands) {
    // A run changes the state it resumes: each command gets a copy.
    const dir = mkdtempSync(path.join(tmp, 'expected-'));
    cpSync(pristine, dir, { recursive: true });
    const res = await invoke(c, dir);
    expected[c] = { ...res, stdout: res.stdout.replaceAll(dir, pristine) };
    expect(res.code, res.stderr).toBe(0);
  }
  expect(expected.show.stdout).toMatch(/aggregate \(window tumbling\): 1 open windows, \d{3,} \(window, key\) entries/);
}, 60_000);

describe('a damaged state directory: a clear error, never a crash or a wrong result', () => {
  it('the main tree root page zeroed', async () => {
    await expectSafe((file) => {
      const f = new LmdbPages(file);
      const root = Number(f.meta.main.root);
      f.buf.fill(0, f.offset(root), f.offset(root + 1));
      f.save();
    }, commands);
  });

  it('random bytes over the header and nodes of a leaf page', async () => {
    await expectSafe((file) => {
      const f = new LmdbPages(file);
      const random = rng(7);
      const leaf = f.offset(f.firstLeaf());
      for (let i = 0; i < 300; i++) f.buf[leaf + i] = Math.floor(random() * 256);
      f.save();
    }, commands);
  });

  it('a byte flipped inside a value of the open window', async () => {
    await expectSafe(
      (file) => {
        const f = new LmdbPages(file);
        const chunk = f.leafNodes().filter((n) => n.key[0] === 'g'.charCodeAt(0))[5]!;
        const at = chunk.flags === 1 ? f.offset(Number(f.buf.readBigUInt64LE(chunk.data))) + 24 + 40 : chunk.data + 40;
        f.buf[at] = f.buf[at]! ^ 0x10;
        f.save();
      },
      ['show', 'run'],
    );
  });

  it('data.mdb cut short', async () => {
    await expectSafe((file) => truncateSync(file, Math.floor(readFileSync(file).length / 8192) * 4096), ['ls', 'show', 'run']);
  });

  for (let seed = 1; seed <= 10; seed++) {
    it(`random damage to a page (seed ${seed})`, async () => {
      const random = rng(seed);
      await expectSafe((file) => {
        const f = new LmdbPages(file);
        const pages = f.buf.length / f.pageSize;
        // Mostly pages LMDB reaches (branch, leaf, overflow heads), sometimes any page.
        const reached = Array.from({ length: pages - 2 }, (_, i) => i + 2).filter(
          (p) => Number(f.buf.readBigUInt64LE(f.offset(p))) === p && [1, 2, 4].includes(f.flags(p)),
        );
        const page = random() < 0.7 ? reached[Math.floor(random() * reached.length)]! : 2 + Math.floor(random() * (pages - 2));
        const at = f.offset(page) + Math.floor(random() * f.pageSize);
        const mode = Math.floor(random() * 3);
        if (mode === 0) f.buf.fill(0, f.offset(page), f.offset(page + 1));
        else if (mode === 1) {
          const len = Math.min(1 + Math.floor(random() * 64), f.buf.length - at);
          for (let i = 0; i < len; i++) f.buf[at + i] = Math.floor(random() * 256);
        } else f.buf[at] = f.buf[at]! ^ (1 << Math.floor(random() * 8));
        writeFileSync(file, f.buf);
      });
    });
  }
});

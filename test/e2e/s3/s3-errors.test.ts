import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BIN, type CliResult, ROOT, runCli } from '../../support/run-cli.js';
import { startS3Server, type S3Server } from '../../support/s3.js';
import { s3Env } from '../../support/s3-data.js';
import { type FaultProxy, faults, match, startFaultProxy } from '../../support/s3-proxy.js';

/**
 * What a user sees when S3 fails (s3rver in this process, the fault proxy in front of it): inputs
 * that cannot be read stop the run with one line naming the input; throttling, resets and
 * connections dropped mid-object change nothing in the results; objects deleted or changed
 * between the listing (or a checkpoint) and their reading give a warning naming them.
 */
let server: S3Server;
let proxy: FaultProxy;
/** The CLI's environment for the server itself, and for the proxy in front of it. */
let direct: Record<string, string>;
let proxied: Record<string, string>;
const tmp = mkdtempSync(path.join(tmpdir(), 'fstream-s3-errors-'));

/** A deterministic pseudo-random generator (mulberry32): hex ids that gzip does not shrink much. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` NDJSON lines `{"n":...,"v":tag,"id":"<8 × words hex>"}`, n from 1. */
function ndjson(count: number, tag: string, seed = 1, words = 3): string {
  const next = random(seed);
  const hex = (): string =>
    Math.floor(next() * 2 ** 32)
      .toString(16)
      .padStart(8, '0');
  let out = '';
  for (let n = 1; n <= count; n++) out += `{"n":${n},"v":"${tag}","id":"${Array.from({ length: words }, hex).join('')}"}\n`;
  return out;
}

beforeAll(async () => {
  server = await startS3Server();
  proxy = await startFaultProxy(server.port);
  direct = s3Env(server);
  proxied = { ...direct, AWS_ENDPOINT_URL: proxy.endpoint };
});
afterEach(() => proxy.clearFaults());
afterAll(async () => {
  await proxy?.close();
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const sorted = (out: string): string[] => out.split('\n').filter(Boolean).sort();
const linesOf = (text: string): string[] => text.split('\n').filter(Boolean);

/** Exit 1, nothing on stdout, one `error:` line on stderr that names `url`, no stack trace. */
function expectInputError(r: CliResult, url: string, says: RegExp): void {
  expect(r.stdout).toBe('');
  expect(r.code).toBe(1);
  expect(linesOf(r.stderr)).toHaveLength(1);
  expect(r.stderr).toMatch(/^error: /);
  expect(r.stderr).toContain(url);
  expect(r.stderr).toMatch(says);
  expect(r.stderr).not.toMatch(/\bat .*:\d+:\d+/);
}

/** Resolves once the proxy has seen a request `pred` matches (or throws after `ms`). */
async function seen(pred: (r: (typeof proxy.requests)[number]) => boolean, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (proxy.count(pred) === 0) {
    if (Date.now() > until) throw new Error('the proxy never saw the request');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The `Range` headers of the GETs of `key` the proxy saw from request `from` on. */
function rangesOf(key: string, from: number): (string | undefined)[] {
  return proxy.requests.slice(from).flatMap((r) => (match.getObject(key)(r) ? [r.headers.range as string | undefined] : []));
}

describe('inputs that cannot be read: one line naming the input, exit 1', () => {
  beforeAll(async () => {
    await server.bucket('errs');
    await server.put('errs', 'logs/a.log', 'a\nb\n');
  });

  it('a bucket that does not exist', async () => {
    const r = await runCli(['--from', 's3://no-such-bucket/logs/', 'lines | count'], { env: direct });
    expectInputError(r, 's3://no-such-bucket/logs/', /no such bucket/);
  });

  it('an access key id the store does not know', async () => {
    const r = await runCli(['--from', 's3://errs/logs/', 'lines | count'], { env: { ...direct, AWS_ACCESS_KEY_ID: 'NOSUCHKEYID' } });
    expectInputError(r, 's3://errs/logs/', /credentials were refused \(InvalidAccessKeyId/);
  });

  it('no credentials at all (environment, files, profile), without a lookup of EC2 instance metadata', async () => {
    const env = {
      ...direct,
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_SESSION_TOKEN: '',
      AWS_PROFILE: '',
      AWS_WEB_IDENTITY_TOKEN_FILE: '',
      AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '',
      AWS_CONTAINER_CREDENTIALS_FULL_URI: '',
      // The SDK's chain ends with the EC2 instance metadata service (169.254.169.254): not from a test.
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    const before = proxy.count();
    const r = await runCli(['--from', 's3://errs/logs/', 'lines | count'], { env: { ...env, AWS_ENDPOINT_URL: proxy.endpoint }, timeoutMs: 10_000 });
    expect(r.signal).toBeNull();
    expectInputError(r, 's3://errs/logs/', /no AWS credentials found/);
    // Refused before any request was sent.
    expect(proxy.count() - before).toBe(0);
  });

  it('a prefix with no objects (read once)', async () => {
    const r = await runCli(['--from', 's3://errs/nothing-here/', 'lines | count'], { env: direct });
    expectInputError(r, 's3://errs/nothing-here/', /^error: no input matches s3:\/\/errs\/nothing-here\/$/m);
  });

  it('usage errors (exit 2): --s3-endpoint that is not a URL, --s3-poll without -f', async () => {
    const endpoint = await runCli(['--s3-endpoint', 'notaurl', '--from', 's3://errs/logs/', 'lines | count'], { env: direct });
    expect([endpoint.code, endpoint.stdout]).toEqual([2, '']);
    expect(endpoint.stderr).toMatch(/^error: --s3-endpoint takes an http:\/\/ or https:\/\/ URL, not `notaurl`\n/);
    const poll = await runCli(['--s3-poll', '1s', '--from', 's3://errs/logs/', 'lines | count'], { env: direct });
    expect([poll.code, poll.stdout]).toEqual([2, '']);
    expect(poll.stderr).toMatch(/^error: --s3-poll needs --follow\n/);
  });
});

describe('retried failures change nothing in the results', () => {
  const QUERY = ['-p', '1', 'json | count, sum(n), count_distinct(id) by v'];
  const PLAIN = 'drop/plain/big.ndjson';
  const GZIP = 'drop/gz/big.ndjson.gz';
  /** Lines of the large objects: 2.2 MB plain; 3.8 MB in 1.6 MB of gzip. */
  const BIG_LINES = 40_000;

  beforeAll(async () => {
    await server.bucket('retry');
    await server.putMany('retry', [
      ['small/a.ndjson', ndjson(300, 'a', 2)],
      ['small/b.ndjson.gz', gzipSync(ndjson(300, 'b', 3))],
      ['small/c.ndjson', ndjson(300, 'c', 4)],
      ['small/d.ndjson', ndjson(300, 'd', 5)],
      [PLAIN, ndjson(BIG_LINES, 'plain', 6)],
      [GZIP, gzipSync(ndjson(BIG_LINES + 1, 'gzip', 7, 8))],
    ]);
  }, 60_000);

  /** The run of `s3://retry/small/` through the proxy without faults: its output, and how many requests of each kind it made. */
  let cleanRun: Promise<{ stdout: string; lists: number; gets: number }> | undefined;
  function baseline(): Promise<{ stdout: string; lists: number; gets: number }> {
    cleanRun ??= (async () => {
      const before = { lists: proxy.count('ListObjectsV2'), gets: proxy.count('GetObject') };
      const r = await runCli(['--from', 's3://retry/small/', ...QUERY], { env: proxied });
      expect([r.code, r.stderr]).toEqual([0, '']);
      expect(sorted(r.stdout).map((l) => JSON.parse(l) as unknown)).toEqual(
        ['a', 'b', 'c', 'd'].map((v) => ({ v, count: 300, sum_n: (300 * 301) / 2, count_distinct_id: 300 })),
      );
      const gets = proxy.count('GetObject') - before.gets;
      expect(gets).toBe(4); // one per object
      return { stdout: r.stdout, lists: proxy.count('ListObjectsV2') - before.lists, gets };
    })();
    return cleanRun;
  }

  it('SlowDown answers to the first listings and object requests are retried', async () => {
    const url = 's3://retry/small/';
    const clean = await baseline();
    const before = { lists: proxy.count('ListObjectsV2'), gets: proxy.count('GetObject') };
    const lists = proxy.failNext(2, faults.slowdown(), match.listObjectsV2);
    const gets = proxy.failNext(3, faults.slowdown(), match.getObject());
    const r = await runCli(['--from', url, ...QUERY], { env: proxied });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(clean.stdout);
    expect([lists.hits, gets.hits]).toEqual([2, 3]);
    expect(proxy.count('ListObjectsV2') - before.lists).toBe(clean.lists + 2);
    expect(proxy.count('GetObject') - before.gets).toBe(clean.gets + 3);
  });

  it('connections reset before an answer are retried', async () => {
    const url = 's3://retry/small/';
    const clean = await baseline();
    const before = proxy.count('GetObject');
    const resets = proxy.failNext(3, faults.reset(), match.getObject());
    const r = await runCli(['--from', url, ...QUERY], { env: proxied });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(clean.stdout);
    expect(resets.hits).toBe(3);
    expect(proxy.count('GetObject') - before).toBe(clean.gets + 3);
  });

  for (const [kind, key, lines] of [
    ['plain', PLAIN, BIG_LINES],
    ['gzip', GZIP, BIG_LINES + 1],
  ] as const) {
    it(`a connection dropped mid-object is resumed at the byte reached (${kind})`, async () => {
      const url = `s3://retry/${key}`;
      const size = (await server.get('retry', key)).length;
      const CUT = 256 * 1024;
      expect(size).toBeGreaterThan(4 * CUT);
      const from = proxy.requests.length;
      const drops = proxy.addFault(faults.dropAfter(CUT), { when: match.getObject(key), times: 3 });
      const r = await runCli(['--from', url, ...QUERY], { env: proxied });
      expect([r.code, r.stderr]).toEqual([0, '']);
      // What a run without faults gives: every line once (the ids are distinct, n runs from 1 to lines).
      expect(JSON.parse(r.stdout)).toEqual({ v: kind, count: lines, sum_n: (lines * (lines + 1)) / 2, count_distinct_id: lines });
      expect(drops.hits).toBe(3);
      // Each GET after a drop asks for the rest of the object from the byte the reader reached: past where the
      // dropped GET started, at most CUT bytes further (what the proxy passed; bytes the client had received
      // but not yet handed on when the connection dropped are lost with it, and asked for again).
      const ranges = rangesOf(key, from);
      expect(ranges).toHaveLength(4);
      expect(ranges[0]).toBe('bytes=0-');
      let previous = 0;
      for (const range of ranges.slice(1)) {
        const start = Number(/^bytes=(\d+)-$/.exec(range ?? '')?.[1]);
        expect(start).toBeGreaterThan(previous);
        expect(start).toBeLessThanOrEqual(previous + CUT);
        previous = start;
      }
    });
  }
});

describe('objects that go away or change', () => {
  beforeAll(async () => {
    await server.bucket('gone');
  });

  it('an object deleted between the listing and its reading: a warning naming it, the others read', async () => {
    await server.putMany('gone', [
      ['mid/a.ndjson', ndjson(100, 'a')],
      ['mid/b.ndjson', ndjson(100, 'b')],
      ['mid/c.ndjson', ndjson(100, 'c')],
    ]);
    // The GET of b (made after both listings) waits in the proxy while b is deleted: the store answers NoSuchKey.
    proxy.addFault(faults.stall(2_000), { when: match.getObject('mid/b.ndjson') });
    const run = runCli(['-p', '1', '--from', 's3://gone/mid/', 'json | count by v'], { env: proxied });
    await seen(match.getObject('mid/b.ndjson'));
    await server.remove('gone', 'mid/b.ndjson');
    const r = await run;
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('fstream: warning: s3://gone/mid/b.ndjson was deleted before it was read: skipped\n');
    expect(sorted(r.stdout)).toEqual(['{"v":"a","count":100}', '{"v":"c","count":100}']);
  });
});

describe('objects changed or deleted since the checkpoint', () => {
  const children: ReturnType<typeof spawn>[] = [];
  afterEach(() => {
    for (const c of children.splice(0)) c.kill('SIGKILL');
  });

  /** Starts the CLI; `done` resolves with its output once it exits. */
  function start(args: string[], env: Record<string, string>): { child: ReturnType<typeof spawn>; done: Promise<CliResult> } {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
    const done = new Promise<CliResult>((resolve) => child.on('close', (code, signal) => resolve({ stdout, stderr, code, signal })));
    return { child, done };
  }

  const LINES = 40_000;

  /** The offset and line of `url` in the state's latest checkpoint, as `fstream state show` prints them (null: none). */
  async function checkpointed(state: string, url: string): Promise<{ offset: number; line: number } | null> {
    const show = await runCli(['state', 'show', state]);
    if (show.code !== 0) return null; // no state directory yet
    const at = new RegExp(`^input ${url.replace(/[./]/g, '\\$&')}: offset (\\d+), line (\\d+),`, 'm').exec(show.stdout);
    return at ? { offset: Number(at[1]), line: Number(at[2]) } : null;
  }

  /**
   * Runs `count by v` with --state over `s3://ckpt/PREFIX/`, which holds one 2.1 MB object whose GET stalls after its
   * first 1.5 MB (replayable inputs are framed in chunks of 1 MiB: one of them can be read), and stops it with SIGTERM
   * once a checkpoint is inside the object. Returns the state directory, the object, and the line the final
   * checkpoint reads next in it (what `fstream state show` says).
   */
  async function stoppedMidObject(prefix: string): Promise<{ state: string; key: string; url: string; line: number }> {
    const key = `${prefix}/big.ndjson`;
    const url = `s3://ckpt/${key}`;
    const body = ndjson(LINES, 'old', 11);
    await server.put('ckpt', key, body);
    const state = path.join(tmp, `state-${prefix}`);
    proxy.addFault(faults.stallAfter(1_500_000, 20_000), { when: match.getObject(key) });
    const args = ['-p', '1', '--state', state, '--checkpoint-interval', '200ms', '--from', `s3://ckpt/${prefix}/`, 'json | count by v'];
    const run = start(args, proxied);
    await seen(match.getObject(key));
    // The first 1.5 MB come at once, then nothing for 20 s: wait for a checkpoint past the first chunk.
    for (let until = Date.now() + 15_000; ((await checkpointed(state, url))?.offset ?? 0) === 0; ) {
      if (Date.now() > until) throw new Error('no checkpoint inside the object');
      await sleep(100);
    }
    run.child.kill('SIGTERM');
    const signalled = Date.now();
    expect(await run.done).toMatchObject({ code: 0, stderr: '', stdout: '' });
    // It stopped without waiting for the stalled body.
    expect(Date.now() - signalled).toBeLessThan(10_000);
    const at = await checkpointed(state, url);
    expect(at).not.toBeNull();
    const { offset, line } = at!;
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThanOrEqual(1_500_000);
    // The offset is the start of the line the checkpoint reads next.
    expect(body.slice(0, offset).split('\n').length).toBe(line);
    expect(body[offset - 1]).toBe('\n');
    return { state, key, url, line };
  }

  beforeAll(async () => {
    await server.bucket('ckpt');
  });

  it('an object changed since the checkpoint: a warning, read again from its start', async () => {
    const { state, key, url, line } = await stoppedMidObject('changed');
    await server.put('ckpt', key, ndjson(LINES - 1000, 'new', 12));
    const r = await runCli(['-p', '1', '--state', state, '--from', 's3://ckpt/changed/', 'json | count by v'], { env: direct });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`fstream: warning: ${url} changed since the last checkpoint: it is read again from its start\n`);
    // What the first run read of the old version stands (it is in the state); the new version is read whole.
    expect(sorted(r.stdout)).toEqual([`{"v":"new","count":${LINES - 1000}}`, `{"v":"old","count":${line - 1}}`]);
  }, 60_000);

  it('an object deleted since the checkpoint, the only one of its prefix: a warning, skipped, the job finishes', async () => {
    const { state, key, url, line } = await stoppedMidObject('deleted');
    await server.remove('ckpt', key);
    // The prefix holds no object now: not an error for a run that resumes reading it.
    const r = await runCli(['-p', '1', '--state', state, '--from', 's3://ckpt/deleted/', 'json | count by v'], { env: direct });
    expect(r.stderr).toBe(`fstream: warning: ${url} was deleted since the last checkpoint: the rest of it is skipped\n`);
    expect(r.code).toBe(0);
    expect(sorted(r.stdout)).toEqual([`{"v":"old","count":${line - 1}}`]);
  }, 60_000);

  it('resuming a checkpoint that read nothing of a prefix: an empty prefix is still an error', async () => {
    const state = path.join(tmp, 'state-other');
    const file = path.join(tmp, 'other.ndjson');
    writeFileSync(file, ndjson(10, 'file'));
    const first = await runCli(['-p', '1', '--state', state, '--from', file, 'json | count by v']);
    expect([first.code, first.stdout]).toEqual([0, '{"v":"file","count":10}\n']);
    // Same pipeline, same state directory (its checkpoint is the file's), an S3 prefix with nothing under it.
    const r = await runCli(['-p', '1', '--state', state, '--from', 's3://ckpt/nothing-here/', 'json | count by v'], { env: direct });
    expectInputError(r, 's3://ckpt/nothing-here/', /^error: no input matches s3:\/\/ckpt\/nothing-here\/$/m);
  });
});

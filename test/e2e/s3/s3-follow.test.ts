import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Follower, sleep, until } from '../../support/follow.js';
import { runCli } from '../../support/run-cli.js';
import { startS3Server, type S3Server } from '../../support/s3.js';
import { s3Env } from '../../support/s3-data.js';
import { startFaultProxy, type FaultProxy, type ProxyRecord } from '../../support/s3-proxy.js';

/**
 * `fstream -f` over an S3 prefix (README "Reading from S3"): the prefix is listed again every
 * `--s3-poll` for keys after the last one seen (a start-after cursor), each object is read once,
 * a quiet prefix holds the watermark at its last event unless `--idle` lets it follow the clock,
 * and with `--state` a restart goes on from the cursor. The CLI reaches s3rver through the fault
 * proxy (no faults: it records the requests, so the tests can see what was listed and read).
 */
let server: S3Server;
let proxy: FaultProxy;
let env: Record<string, string>;
const BUCKET = 'follow';
const POLL = ['--s3-poll', '200ms'];
/** Generous for a loaded machine: the CLI's start (SDK load, first listing) or a few polls. */
const DEADLINE_MS = 30_000;
const T0 = Date.UTC(2026, 10, 1, 10);

beforeAll(async () => {
  server = await startS3Server();
  await server.bucket(BUCKET);
  proxy = await startFaultProxy(server.port);
  env = { ...s3Env(server), AWS_ENDPOINT_URL: proxy.endpoint };
}, 30_000);
afterAll(async () => {
  await proxy?.close();
  await server?.close();
});

interface Line {
  obj: string;
  n: number;
}

/** `lines` NDJSON records of object `obj`, one event a second from `fromSec` after T0. */
function body(obj: string, lines: number, fromSec = 0, gzip = false): Buffer {
  let text = '';
  for (let n = 0; n < lines; n++) text += `${JSON.stringify({ ts: new Date(T0 + (fromSec + n) * 1000).toISOString(), obj, n })}\n`;
  return gzip ? gzipSync(text) : Buffer.from(text);
}

/** The complete lines of `text` parsed (an incomplete last line is left out). */
function parse<T>(text: string): T[] {
  const end = text.lastIndexOf('\n');
  return end < 0
    ? []
    : text
        .slice(0, end)
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as T);
}

/** How many times each object's records came out: `{obj: count}`; fails on a record out of order within its object. */
function perObject(lines: Line[]): Record<string, number> {
  const next: Record<string, number> = {};
  for (const l of lines) {
    expect(l.n, `${l.obj} record ${l.n} after ${next[l.obj] ?? 0}`).toBe(next[l.obj] ?? 0);
    next[l.obj] = l.n + 1;
  }
  return next;
}

const lists = (prefix: string): ProxyRecord[] => proxy.requests.filter((r) => r.kind === 'ListObjectsV2' && r.query.get('prefix') === prefix);
const gets = (prefix: string): string[] => proxy.requests.filter((r) => r.kind === 'GetObject' && r.key!.startsWith(prefix)).map((r) => r.key!);

/** Waits for `n` more listings of `prefix` than there are now: polls that came after this moment. */
async function morePolls(prefix: string, n: number): Promise<void> {
  const seen = lists(prefix).length;
  await until(
    () => lists(prefix).length,
    (c) => c >= seen + n,
    DEADLINE_MS,
    (c) => `${c - seen} of ${n} more listings of ${prefix}`,
  );
}

function stopWith(f: Follower, signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  f.child.kill(signal);
  const timer = setTimeout(() => f.child.kill('SIGKILL'), 20_000);
  return f.exited.finally(() => clearTimeout(timer));
}

describe('following an S3 prefix (-f)', () => {
  it('reads the objects there at the start, then objects put later within a few polls, each once', async ({ onTestFinished }) => {
    const prefix = 'live/';
    await server.put(BUCKET, `${prefix}2026/11/01/00.ndjson`, body('00', 50));
    await server.put(BUCKET, `${prefix}2026/11/01/01.ndjson.gz`, body('01', 50, 50, true));
    const f = new Follower(['--from', `s3://${BUCKET}/${prefix}`, ...POLL, 'json | select obj, n'], env);
    onTestFinished(() => void f.kill());
    const out = (): Line[] => parse<Line>(f.stdout);
    await until(
      out,
      (l) => l.length >= 100,
      DEADLINE_MS,
      (l) => `${l.length} of 100 lines; stderr: ${f.stderr}`,
    );
    expect(perObject(out())).toEqual({ '00': 50, '01': 50 });

    const latencies: string[] = [];
    let last = `${prefix}2026/11/01/01.ndjson.gz`;
    for (const [i, obj] of ['02', '03', '04'].entries()) {
      const key = `${prefix}2026/11/01/${obj}.ndjson${i === 1 ? '.gz' : ''}`;
      const putAt = Date.now();
      await server.put(BUCKET, key, body(obj, 30, 100 + i * 30, i === 1));
      // Requests the proxy saw after the object was stored.
      const stored = proxy.requests.length;
      await until(
        () => perObject(out())[obj] ?? 0,
        (n) => n === 30,
        DEADLINE_MS,
        (n) => `${n} of 30 lines of ${obj}`,
      );
      const get = proxy.requests.findIndex((r, at) => at >= stored && r.kind === 'GetObject' && r.key === key);
      expect(get, `a request for ${key}`).toBeGreaterThanOrEqual(0);
      const polls = proxy.requests.slice(stored, get).filter((r) => r.kind === 'ListObjectsV2').length;
      latencies.push(`${obj}: ${Date.now() - putAt} ms, ${polls} listing(s)`);
      // The first listing after the put found it (one under way at the put may have come first),
      // and it listed after the last key seen: a start-after cursor.
      expect(polls, latencies.at(-1)).toBeLessThanOrEqual(2);
      const finder = proxy.requests.slice(0, get).findLast((r) => r.kind === 'ListObjectsV2');
      expect(finder?.query.get('start-after')).toBe(last);
      last = key;
    }
    // Later listings start after the newest key.
    await morePolls(prefix, 2);
    expect(lists(prefix).at(-1)!.query.get('start-after')).toBe(last);

    const counts = perObject(out());
    expect(counts).toEqual({ '00': 50, '01': 50, '02': 30, '03': 30, '04': 30 });
    // Each object was requested once: read once, never listed again.
    expect(gets(prefix).sort()).toEqual([
      `${prefix}2026/11/01/00.ndjson`,
      `${prefix}2026/11/01/01.ndjson.gz`,
      `${prefix}2026/11/01/02.ndjson`,
      `${prefix}2026/11/01/03.ndjson.gz`,
      `${prefix}2026/11/01/04.ndjson`,
    ]);
    expect(await stopWith(f, 'SIGTERM')).toEqual({ code: 0, signal: null });
    expect(f.stderr).toBe('');
    console.info(`s3 follow: objects put later came out after ${latencies.join('; ')}`);
  }, 90_000);

  it('a key put later that sorts before the last key seen is not picked up (start-after cursor)', async ({ onTestFinished }) => {
    const prefix = 'cursor/';
    await server.put(BUCKET, `${prefix}2026-11-01/b.ndjson`, body('b', 20));
    const f = new Follower(['--from', `s3://${BUCKET}/${prefix}`, ...POLL, 'json | select obj, n'], env);
    onTestFinished(() => void f.kill());
    const out = (): Line[] => parse<Line>(f.stdout);
    await until(
      out,
      (l) => l.length >= 20,
      DEADLINE_MS,
      (l) => `${l.length} of 20 lines; stderr: ${f.stderr}`,
    );
    // Before the cursor (documented: "keys that sort before it are not seen"), then after it.
    await server.put(BUCKET, `${prefix}2026-11-01/a.ndjson`, body('a', 20));
    await server.put(BUCKET, `${prefix}2026-10-31/z.ndjson`, body('z-early', 20));
    await server.put(BUCKET, `${prefix}2026-11-01/c.ndjson`, body('c', 20));
    await until(
      () => perObject(out()).c ?? 0,
      (n) => n === 20,
      DEADLINE_MS,
      (n) => `${n} of 20 lines of c`,
    );
    // Listings after c was read: still after the cursor, so the earlier keys stay unseen.
    await morePolls(prefix, 3);
    expect(perObject(out())).toEqual({ b: 20, c: 20 });
    expect(gets(prefix).sort()).toEqual([`${prefix}2026-11-01/b.ndjson`, `${prefix}2026-11-01/c.ndjson`]);
    expect(await stopWith(f, 'SIGTERM')).toEqual({ code: 0, signal: null });
  }, 90_000);

  it('a quiet prefix holds the watermark at its last event; with --idle it follows the clock and the last window fires', async ({ onTestFinished }) => {
    const prefix = 'windows/';
    // 10:00:00 to 10:02:59, one event a second: three one-minute windows of 60.
    await server.put(BUCKET, `${prefix}part-0.ndjson`, body('w0', 120));
    await server.put(BUCKET, `${prefix}part-1.ndjson.gz`, body('w1', 60, 120, true));
    const query = 'json | window tumbling 1m | count';
    const from = ['--from', `s3://${BUCKET}/${prefix}`, ...POLL, '--time', 'ts'];
    const idle = new Follower([...from, '--idle', '1s', query], env);
    const held = new Follower([...from, query], env);
    onTestFinished(() => void idle.kill());
    onTestFinished(() => void held.kill());
    type Window = { window_start: string; count: number };
    const windows = (f: Follower): string[] => parse<Window>(f.stdout).map((w) => `${w.window_start.slice(11, 16)} ${w.count}`);
    const all = ['10:00 60', '10:01 60', '10:02 60'];

    // The first two windows fire on the events after them, in both runs.
    for (const f of [idle, held])
      await until(
        () => windows(f),
        (w) => w.length >= 2,
        DEADLINE_MS,
        (w) => `${w.join(', ')}; stderr: ${f.stderr}`,
      );
    // The last one: once every object was read and the prefix is quiet, with --idle only.
    const quietAt = Date.now();
    await until(
      () => windows(idle),
      (w) => w.length >= 3,
      DEADLINE_MS,
      (w) => `with --idle: ${w.join(', ')}`,
    );
    const firedAfterMs = Date.now() - quietAt;
    expect(windows(idle)).toEqual(all);
    // Without --idle the watermark stays at 10:02:59: nothing more fires, however long it waits
    // (here: as long again as the idle run needed, and a few polls more).
    await sleep(Math.max(firedAfterMs, 1_000));
    await morePolls(prefix, 4);
    expect(windows(held)).toEqual(all.slice(0, 2));

    // Stopped without --state, the input ends there and the open window fires (README: signals).
    expect(await stopWith(held, 'SIGTERM')).toEqual({ code: 0, signal: null });
    expect(windows(held)).toEqual(all);
    expect(await stopWith(idle, 'SIGTERM')).toEqual({ code: 0, signal: null });
    expect(windows(idle)).toEqual(all);
    expect(idle.stderr + held.stderr).toBe('');
  }, 90_000);

  it('with --state, a restart reads the objects put while it was down and none it had read (nothing twice, nothing lost)', async ({ onTestFinished }) => {
    const prefix = 'restart/';
    const dir = mkdtempSync(path.join(tmpdir(), 'fstream-s3-follow-'));
    const outFile = path.join(dir, 'out.ndjson');
    const state = path.join(dir, 'state');
    const key = (name: string): string => `${prefix}2026/11/01/${name}.ndjson`;
    const args = ['--from', `s3://${BUCKET}/${prefix}`, ...POLL, '--state', state, '--to', outFile, '--checkpoint-interval', '200ms', 'json | select obj, n'];
    const out = (): Line[] => (existsSync(outFile) ? parse<Line>(readFileSync(outFile, 'utf8')) : []);
    let running: Follower | undefined;
    const stderr = (): string => running?.stderr ?? '';
    const committed = async (expected: Record<string, number>): Promise<void> => {
      await until(
        () => perObject(out()),
        (c) => Object.entries(expected).every(([obj, n]) => c[obj] === n),
        DEADLINE_MS,
        (c) => `committed ${JSON.stringify(c)}, waiting for ${JSON.stringify(expected)}; stderr: ${stderr()}`,
      );
    };

    await server.put(BUCKET, key('a'), body('a', 40));
    await server.put(BUCKET, key('b'), body('b', 40, 40));
    const first = new Follower(args, env);
    running = first;
    onTestFinished(() => void first.kill());
    await committed({ a: 40, b: 40 });
    await server.put(BUCKET, key('c'), body('c', 40, 80));
    await committed({ a: 40, b: 40, c: 40 });
    expect(await stopWith(first, 'SIGTERM')).toEqual({ code: 0, signal: null });
    expect(first.stderr).toBe('');
    const readByFirst = proxy.requests.length;

    // While it is down: one key after the cursor, one before it.
    await server.put(BUCKET, key('d'), body('d', 40, 120));
    await server.put(BUCKET, key('0-early'), body('early', 40, 0));
    const show = await runCli(['state', 'show', state]);
    expect(show.stdout).toContain(`listed s3://${BUCKET}/${prefix}: up to key ${key('c')}`);

    const second = new Follower(args, env);
    running = second;
    onTestFinished(() => void second.kill());
    await committed({ a: 40, b: 40, c: 40, d: 40 });
    await server.put(BUCKET, key('e'), body('e', 40, 160));
    await committed({ a: 40, b: 40, c: 40, d: 40, e: 40 });
    await morePolls(prefix, 3);
    expect(await stopWith(second, 'SIGTERM')).toEqual({ code: 0, signal: null });
    expect(second.stderr).toBe('');

    // Every record of a to e exactly once, in order within its object; the key before the cursor never.
    expect(perObject(out())).toEqual({ a: 40, b: 40, c: 40, d: 40, e: 40 });
    // The restarted run read only the objects it had not: d (put while down) and e.
    const secondGets = proxy.requests
      .slice(readByFirst)
      .filter((r) => r.kind === 'GetObject')
      .map((r) => r.key);
    expect(secondGets.sort()).toEqual([key('d'), key('e')]);
    const after = await runCli(['state', 'show', state]);
    expect(after.stdout).toContain(`listed s3://${BUCKET}/${prefix}: up to key ${key('e')}`);
  }, 120_000);
});

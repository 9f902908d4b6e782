import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Server, type S3Server } from '../../support/s3.js';
import { putLogs, s3Env } from '../../support/s3-data.js';
import { runCli } from '../../support/run-cli.js';

/**
 * Replaying a prefix of a real S3-compatible server (s3rver, started here) gives exactly the
 * results of the same data read from disk: nested prefixes, gzip and plain objects, at -p 1, 2
 * and 4; and more than 1,000 keys (several listing pages).
 */
let server: S3Server;
let dir: string;
let manyDir: string;
let env: Record<string, string>;
const BUCKET = 'replay';
/** 1,005 objects of 300 lines over two days (`01/` and `02/`), one event a second. */
const OBJECTS = 1_005;
const LINES = 300;

beforeAll(async () => {
  server = await startS3Server();
  await server.bucket(BUCKET);
  dir = mkdtempSync(path.join(tmpdir(), 'fstream-s3-replay-'));
  manyDir = mkdtempSync(path.join(tmpdir(), 'fstream-s3-replay-many-'));
  // Objects with many lines, a few of them; many objects of one line each.
  await putLogs(server, BUCKET, 'logs/2026/11', dir, { objects: 60, linesPerObject: LINES, perDay: 30 });
  await putLogs(server, BUCKET, 'many', manyDir, { objects: OBJECTS, linesPerObject: 1 });
  env = s3Env(server);
}, 120_000);
afterAll(() => server?.close());

const sorted = (out: string): string[] => out.split('\n').filter(Boolean).sort();

async function both(args: string[], s3From: string[], localFrom: string[]): Promise<{ s3: string; local: string }> {
  const s3 = await runCli([...s3From.flatMap((f) => ['--from', f]), ...args], { env, timeoutMs: 60_000 });
  const local = await runCli([...localFrom.flatMap((f) => ['--from', f]), ...args], { timeoutMs: 60_000 });
  expect(s3.stderr).toBe('');
  expect(local.stderr).toBe('');
  expect([s3.code, local.code]).toEqual([0, 0]);
  return { s3: s3.stdout, local: local.stdout };
}

describe('replaying an S3 prefix equals reading the same files from disk', () => {
  for (const p of ['1', '2', '4']) {
    it(`windowed aggregation over 60 objects (gzip and plain, nested), -p ${p}`, async () => {
      const q = ['--time', 'ts', '-p', p, 'json | window tumbling 1h | count, sum(bytes), max(bytes), count_distinct(user) by status'];
      const { s3, local } = await both(q, [`s3://${BUCKET}/logs/2026/11/`], [dir]);
      expect(sorted(s3)).toEqual(sorted(local));
      // 18,000 events at one a second: 5 hours, 4 statuses.
      expect(sorted(s3).length).toBe(5 * 4);
    }, 120_000);
  }

  it('records pass through in key order, as the files in path order (-p 1)', async () => {
    const { s3, local } = await both(['-p', '1', 'json | where status >= 500 | select ts, status'], [`s3://${BUCKET}/logs/2026/11/`], [dir]);
    expect(s3).toBe(local);
    expect(s3.split('\n').filter(Boolean).length).toBe((60 * LINES) / 3);
  }, 120_000);

  it('a glob takes the keys it matches, as the same glob over the files', async () => {
    const q = ['-p', '2', 'json | count by route'];
    const { s3, local } = await both(q, [`s3://${BUCKET}/logs/2026/11/02/**/*.gz`], [`${dir}/02/**/*.gz`]);
    expect(sorted(s3)).toEqual(sorted(local));
    expect(sorted(s3).length).toBe(7);
  }, 120_000);

  it('more than 1,000 keys: every listing page, every object once', async () => {
    const { s3, local } = await both(['-p', '2', 'json | count, sum(bytes) by status'], [`s3://${BUCKET}/many/`], [manyDir]);
    expect(sorted(s3)).toEqual(sorted(local));
    const total = sorted(s3).reduce((n, line) => n + (JSON.parse(line) as { count: number }).count, 0);
    expect(total).toBe(OBJECTS);
  }, 120_000);

  it('S3 inputs mix with files and stdin', async () => {
    const q = ['-p', '2', 'json | count by status'];
    const stdin = '{"status":418}\n{"status":418}\n';
    const s3 = await runCli(['--from', `s3://${BUCKET}/logs/2026/11/01/0`, '--from', `${dir}/02`, '--from', '-', ...q], { env, stdin, timeoutMs: 60_000 });
    const local = await runCli(['--from', `${dir}/01/0`, '--from', `${dir}/02`, '--from', '-', ...q], { stdin, timeoutMs: 60_000 });
    expect(s3.stderr).toBe('');
    expect(s3.code).toBe(0);
    // s3://.../01/0 is every key that starts so (01/00/... to 01/09/...): the whole of day 01, which a path
    // 01/0 is not: compare with the same objects as files (days 01 and 02, and stdin).
    const all = await runCli(['--from', `${dir}/01`, '--from', `${dir}/02`, '--from', '-', ...q], { stdin, timeoutMs: 60_000 });
    expect(sorted(s3.stdout)).toEqual(sorted(all.stdout));
    expect(local.code).not.toBe(0); // a directory 01/0 does not exist: prefixes are S3's, not paths
    expect(sorted(s3.stdout)).toContain('{"status":418,"count":2}');
  }, 120_000);
});

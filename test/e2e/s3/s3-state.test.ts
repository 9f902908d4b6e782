import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.js';
import { startS3Server, type S3Server } from '../../support/s3.js';
import { s3Env } from '../../support/s3-data.js';

/** What a state directory remembers of S3 inputs across runs read once (cron-style incremental runs). */
let server: S3Server;
let env: Record<string, string>;
const BUCKET = 'incremental';

beforeAll(async () => {
  server = await startS3Server();
  await server.bucket(BUCKET);
  env = s3Env(server);
});
afterAll(() => server?.close());

const run = (state: string, ...from: string[]) =>
  runCli(['--state', state, ...from.flatMap((f) => ['--from', f]), 'json | select k'], { env, timeoutMs: 60_000 });
const lines = (out: string): string[] => out.split('\n').filter(Boolean);

describe('S3 inputs read once with --state', () => {
  it('a rerun reads only the objects put since; state show names the cursor', async () => {
    const state = path.join(mkdtempSync(path.join(tmpdir(), 'fstream-s3-state-')), 'st');
    await server.putMany(BUCKET, [
      ['z/1.log', '{"k":"a"}\n{"k":"a"}\n'],
      ['z/2.log', '{"k":"b"}\n'],
    ]);
    const first = await run(state, `s3://${BUCKET}/z/`);
    expect([first.code, first.stderr]).toEqual([0, '']);
    expect(lines(first.stdout)).toEqual(['{"k":"a"}', '{"k":"a"}', '{"k":"b"}']);
    await server.put(BUCKET, 'z/3.log', '{"k":"c"}\n');
    const second = await run(state, `s3://${BUCKET}/z/`);
    expect([second.code, second.stderr, second.stdout]).toEqual([0, '', '{"k":"c"}\n']);
    const shown = await runCli(['state', 'show', state]);
    expect(shown.stdout).toContain(`listed s3://${BUCKET}/z/: up to key z/3.log`);
  });

  it('another prefix with the same state is listed from its start, not from the other one’s cursor', async () => {
    const state = path.join(mkdtempSync(path.join(tmpdir(), 'fstream-s3-state-')), 'st');
    await server.put(BUCKET, 'y/1.log', '{"k":"y"}\n');
    const z = await run(state, `s3://${BUCKET}/z/`);
    expect(z.code).toBe(0);
    // y/ sorts before z/'s cursor: it must not be skipped.
    const y = await run(state, `s3://${BUCKET}/y/`);
    expect([y.code, y.stderr, y.stdout]).toEqual([0, '', '{"k":"y"}\n']);
    // Two inputs: each keeps its own cursor, whatever their order in the next run.
    const both = await run(state, `s3://${BUCKET}/y/`, `s3://${BUCKET}/z/`);
    expect(both.code).toBe(0);
    await server.put(BUCKET, 'y/2.log', '{"k":"y2"}\n');
    const swapped = await run(state, `s3://${BUCKET}/z/`, `s3://${BUCKET}/y/`);
    expect([swapped.code, swapped.stderr, lines(swapped.stdout)]).toEqual([0, '', ['{"k":"y2"}']]);
  });
});

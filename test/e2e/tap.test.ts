import { appendFileSync, copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LiveCli } from '../support/live-cli.js';
import { ROOT, runCli } from '../support/run-cli.js';

const QUERY = 'json | where status >= 500 | eval slow = latency_ms > 40 | window tumbling 1m | count by route, slow';
const lines = (s: string): Record<string, unknown>[] =>
  s
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

describe('fstream tap', () => {
  it('shows the first 10 records out of a stage named by number or kind, at any -p', async () => {
    const all = await runCli(['--from', 'fixtures/access.ndjson', 'json | where status >= 500']);
    const first10 = lines(all.stdout).slice(0, 10);
    for (const p of ['1', '2']) {
      const byNumber = await runCli(['tap', '2', '-p', p, '--from', 'fixtures/access.ndjson', '--time', 'ts', QUERY]);
      expect(byNumber.code).toBe(0);
      expect(lines(byNumber.stdout)).toEqual(first10);
    }
    const byKind = await runCli(['tap', 'eval', '--limit', '3', '--from', 'fixtures/access.ndjson', '--time', 'ts', QUERY]);
    expect(lines(byKind.stdout)).toEqual(first10.slice(0, 3).map((r) => ({ ...r, slow: (r.latency_ms as number) > 40 })));
  });

  it('--every N samples one record in N, and --limit counts the records shown', async () => {
    const all = await runCli(['--from', 'fixtures/access.ndjson', 'json | where status >= 500']);
    const res = await runCli(['tap', 'where', '--every', '3', '--limit', '4', '--from', 'fixtures/access.ndjson', QUERY]);
    expect(res.code).toBe(0);
    const every3 = lines(all.stdout).filter((_r, i) => i % 3 === 0);
    expect(lines(res.stdout)).toEqual(every3.slice(0, 4));
    const rest = await runCli(['tap', 'where', '--every', '5', '--limit', '0', '--from', 'fixtures/access.ndjson', QUERY]);
    expect(lines(rest.stdout)).toEqual(lines(all.stdout).filter((_r, i) => i % 5 === 0));
  });

  it('an aggregation shows its results; a window stage the records that go into it; --limit 0 shows all', async () => {
    const full = await runCli(['--from', 'fixtures/access.ndjson', '--time', 'ts', QUERY]);
    const agg = await runCli(['tap', 'aggregate', '--limit', '0', '--from', 'fixtures/access.ndjson', '--time', 'ts', QUERY]);
    expect(agg.stdout).toBe(full.stdout);
    const window = await runCli(['tap', 'window', '--limit', '2', '--from', 'fixtures/access.ndjson', '--time', 'ts', QUERY]);
    expect(lines(window.stdout).map((r) => Object.keys(r).includes('slow'))).toEqual([true, true]);
  });

  it('on a followed input it stops by itself after --limit records', async () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'fstream-tap-'));
    const live = path.join(tmp, 'live.ndjson');
    copyFileSync(path.join(ROOT, 'fixtures/access.ndjson'), live);
    // The fixture has 16 records with status >= 500: the 20th comes with the appended copy.
    const job = new LiveCli(['tap', 'where', '--limit', '20', '-f', '--from', live, QUERY]);
    await job.waitFor(() => job.records().length >= 16);
    appendFileSync(live, readFileSync(path.join(ROOT, 'fixtures/access.ndjson')));
    expect(await job.wait()).toBe(0);
    expect(job.records()).toHaveLength(20);
  });

  it('a stage that is not there, or --state: a usage error naming the stages', async () => {
    const bad = await runCli(['tap', 'whre', QUERY], { stdin: '' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'error: the pipeline has no stage `whre`\n  = help: did you mean `where`?\n  = help: its stages: 1 json, 2 where, 3 eval, 4 window, 5 aggregate\n',
    );
    const far = await runCli(['tap', '9', QUERY], { stdin: '' });
    expect(far.stderr).toContain('the pipeline has no stage 9');
    const state = await runCli(['tap', '1', '--state', path.join(tmpdir(), 'never'), 'json'], { stdin: '' });
    expect(state.code).toBe(2);
    expect(state.stderr).toContain('`fstream tap` shows records on stdout and keeps no state');
  });
});

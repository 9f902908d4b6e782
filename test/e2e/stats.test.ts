import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LiveCli } from '../support/live-cli.js';
import { runCli } from '../support/run-cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'fstream-stats-'));

/** The last stderr line: the --stats JSON. */
function statsOf(stderr: string): Record<string, unknown> & { inputs: { name: string; bytes: number; lines: number; bad: number }[] } {
  const lines = stderr.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!);
}

describe('--stats', () => {
  const a = path.join(tmp, 'a.ndjson');
  const b = path.join(tmp, 'b.ndjson');
  writeFileSync(
    a,
    ['{"ts":"2026-03-01T10:00:01Z","r":"x"}', 'not json', '{"ts":"2026-03-01T10:02:00Z","r":"y"}', '{"ts":"2026-03-01T10:00:30Z","r":"late"}', ''].join('\n'),
  );
  writeFileSync(b, ['{"ts":"2026-03-01T10:00:02Z","r":"x"}', '{"ts":"2026-03-01T10:00:03Z"}', ''].join('\n'));

  it('prints per input bytes, lines and bad records, then records and late events, the same at -p 1 and -p 2', async () => {
    const runs = [];
    for (const p of ['1', '2']) {
      const res = await runCli(['--from', a, '--from', b, '--time', 'ts', '--stats', '-p', p, 'json | window tumbling 1m | count by r']);
      expect(res.code).toBe(0);
      runs.push(statsOf(res.stderr));
    }
    for (const s of runs) {
      expect(s.inputs).toEqual([
        { name: a, bytes: statSync(a).size, lines: 4, bad: 1 },
        { name: b, bytes: statSync(b).size, lines: 2, bad: 0 },
      ]);
      expect(s.stages).toEqual([
        { stage: 'decode json', out: 5 },
        { stage: 'read event time', out: 5 },
        { stage: 'window tumbling + aggregate', in: 5, out: 3 },
      ]);
      expect(s.records).toBe(5);
      expect(s.bad).toBe(1);
      expect(s.late).toBe(1);
      expect(s.checkpoints).toEqual({ count: 0, p50Ms: null, p99Ms: null });
      expect(s.wallMs).toBeGreaterThan(0);
      expect(s.cpuMs).toBeGreaterThan(0);
      expect(s.maxRssKb).toBeGreaterThan(10_000);
    }
    expect(runs.map((s) => s.parallelism)).toEqual([1, 2]);
  });

  it('counts the checkpoints of a run with --state, and their durations', async () => {
    const state = path.join(tmp, 'state');
    const res = await runCli(['--from', a, '--time', 'ts', '--state', state, '--stats', 'json | window tumbling 1m | count']);
    expect(res.code).toBe(0);
    const s = statsOf(res.stderr) as unknown as { checkpoints: { count: number; p50Ms: number; p99Ms: number } };
    expect(s.checkpoints.count).toBeGreaterThanOrEqual(1);
    expect(s.checkpoints.p50Ms).toBeGreaterThan(0);
    expect(s.checkpoints.p99Ms).toBeGreaterThanOrEqual(s.checkpoints.p50Ms);
  });

  it('is not printed without --stats', async () => {
    const res = await runCli(['json'], { stdin: '{"a":1}\n' });
    expect(res.stderr).toBe('');
  });
});

describe('stats of a running job', () => {
  const statLines = (stderr: string): { records: number; inputs: { lines: number }[] }[] =>
    stderr
      .split('\n')
      .filter((l) => l.startsWith('{"inputs"'))
      .map((l) => JSON.parse(l));

  it('SIGUSR1 prints what a live job has done so far, and it goes on running', async () => {
    const job = new LiveCli(['json']);
    job.write('{"a":1}\n{"a":2}\n');
    await job.waitFor(() => job.records().length === 2);
    job.child.kill('SIGUSR1');
    await job.waitFor(() => statLines(job.stderr).length === 1);
    expect(statLines(job.stderr)[0]!.records).toBe(2);
    job.write('{"a":3}\n');
    await job.waitFor(() => job.records().length === 3);
    expect(await job.end()).toBe(0);
  });

  it('--stats-every prints it while running, then once more at exit', async () => {
    const job = new LiveCli(['--stats-every', '100ms', 'json']);
    job.write('{"a":1}\n');
    await job.waitFor(() => statLines(job.stderr).some((s) => s.records === 1));
    const during = statLines(job.stderr).length;
    expect(await job.end()).toBe(0);
    expect(statLines(job.stderr).length).toBeGreaterThan(during);
    expect(statLines(job.stderr).at(-1)!.inputs[0]!.lines).toBe(1);
  });

  it('--stats-every takes a duration', async () => {
    const res = await runCli(['--stats-every', 'often', 'json'], { stdin: '' });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--stats-every takes a duration such as 30s or 1m, not `often`');
  });
});

import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../support/run-cli.js';

/**
 * `--no-drain` from cron over growing files: each run reads what was added since the last one and
 * keeps its open windows in the state. The results of the runs, and their late events, are those
 * of one long run over the final files, except for the windows still open after the last run,
 * which a run without `--no-drain` fires.
 */

const tmp = mkdtempSync(path.join(tmpdir(), 'fstream-no-drain-'));
const BASE = Date.UTC(2026, 2, 1, 10, 0, 0);
const TUMBLING = 'json | window tumbling 1m | count, sum(v) by host';
const SESSION = 'json | window session 20s | count, max(v) by host';

/**
 * `n` events about 4s apart from `startMs`, out of order within the 5s lag, with every 17th one
 * 90s behind (late), on three hosts; `seed` varies the values.
 */
function events(n: number, seed: number, startMs = BASE): string[] {
  let x = seed;
  const next = (m: number): number => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % m;
  };
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let t = startMs + i * 4000 + next(4000) - 2000;
    if (i % 17 === 16) t -= 90_000;
    out.push(JSON.stringify({ ts: new Date(t).toISOString(), host: `h${next(3)}`, v: next(100), seq: i }));
  }
  return out;
}

/** The lines of `all` cut at `at` (line indexes): what each run finds added. */
function batches(all: string[], at: number[]): string[][] {
  const ends = [...at, all.length];
  return ends.map((end, i) => all.slice(i === 0 ? 0 : ends[i - 1], end));
}

const text = (ls: string[]): string => ls.map((l) => l + '\n').join('');
const lines = (s: string): string[] => s.split('\n').filter(Boolean);
const read = (file: string): string[] => (existsSync(file) ? lines(readFileSync(file, 'utf8')) : []);
const lateCount = (res: CliResult): number => Number(/fstream: (\d+) late events?/.exec(res.stderr)?.[1] ?? 0);

interface Outcome {
  /** Results, in the order written (stdout of the runs one after the other, or the --to file). */
  results: string[];
  /** Late events written to --late (each run replaces the file: collected after each). */
  late: string[];
  lateCount: number;
}

/**
 * Runs `args` once per step: `before(i)` changes the inputs, then a run with `--no-drain`;
 * a last run without it (after `before(steps)`) fires what is open. Returns what the runs with
 * `--no-drain` gave, and what the last one added.
 */
async function incremental(
  dir: string,
  args: string[],
  steps: number,
  before: (i: number) => void,
  out: 'stdout' | string,
): Promise<{ kept: Outcome; drained: Outcome }> {
  const late = path.join(dir, 'late.ndjson');
  const all = [...args, '--state', path.join(dir, 'st'), '--late', late, ...(out === 'stdout' ? [] : ['--to', out])];
  const kept: Outcome = { results: [], late: [], lateCount: 0 };
  const drained: Outcome = { results: [], late: [], lateCount: 0 };
  for (let i = 0; i <= steps; i++) {
    before(i);
    const last = i === steps;
    const res = await runCli(last ? all : [...all, '--no-drain']);
    expect(res.code, res.stderr).toBe(0);
    const into = last ? drained : kept;
    if (out === 'stdout') into.results.push(...lines(res.stdout));
    else into.results = last ? read(out).slice(kept.results.length) : read(out);
    into.late.push(...read(late));
    into.lateCount += lateCount(res);
  }
  return { kept, drained };
}

/** One run over the final inputs, without state. */
async function oneRun(dir: string, args: string[]): Promise<Outcome> {
  const late = path.join(dir, 'late-one.ndjson');
  const out = path.join(dir, 'out-one.ndjson');
  const res = await runCli([...args, '--late', late, '--to', out]);
  expect(res.code, res.stderr).toBe(0);
  return { results: read(out), late: read(late), lateCount: lateCount(res) };
}

/**
 * The runs' results are the long run's, cut where the last run with --no-drain ended; so are their
 * late events (in the order read, which between files depends on how their reads interleave).
 */
function expectSameAsOneRun(runs: { kept: Outcome; drained: Outcome }, one: Outcome, files = 1): void {
  const { kept, drained } = runs;
  expect(one.lateCount).toBeGreaterThan(0);
  expect(kept.results.length).toBeGreaterThan(0);
  // Windows were still open at the end of the last run with --no-drain.
  expect(drained.results.length).toBeGreaterThan(0);
  expect([...kept.results, ...drained.results]).toEqual(one.results);
  const late = [...kept.late, ...drained.late];
  if (files === 1) expect(late).toEqual(one.late);
  else expect(late.sort()).toEqual([...one.late].sort());
  expect(kept.lateCount + drained.lateCount).toBe(one.lateCount);
  expect(one.late).toHaveLength(one.lateCount);
}

describe('incremental runs with --no-drain over a file grown between them give the results of one long run', () => {
  const all = events(150, 7);
  // A cut inside a window and inside the lag, a run of one line, and a run that finds nothing new.
  const cuts = batches(all, [23, 24, 24, 90]);
  const cases: { query: string; p: number; out: 'file' | 'stdout' }[] = [
    { query: TUMBLING, p: 1, out: 'file' },
    { query: TUMBLING, p: 2, out: 'stdout' },
    { query: SESSION, p: 1, out: 'stdout' },
    { query: SESSION, p: 2, out: 'file' },
  ];
  for (const { query, p, out } of cases) {
    it(`${query.split('|')[1]!.trim()}, -p ${p}, to ${out === 'file' ? '--to FILE' : 'stdout'}`, async () => {
      const dir = mkdtempSync(path.join(tmp, 'one-'));
      const input = path.join(dir, 'app.ndjson');
      const args = ['-p', String(p), '--from', input, '--time', 'ts', '--lag', '5s', query];
      const runs = await incremental(
        dir,
        args,
        cuts.length - 1,
        (i) => appendFileSync(input, text(cuts[i] ?? [])),
        out === 'file' ? path.join(dir, 'out.ndjson') : 'stdout',
      );
      expectSameAsOneRun(runs, await oneRun(dir, args));
    });
  }
});

describe('incremental runs with --no-drain over several files', () => {
  for (const p of [1, 2]) {
    it(`a glob over two files grown between runs, and a third that appears (-p ${p})`, async () => {
      const dir = mkdtempSync(path.join(tmp, 'glob-'));
      const logs = path.join(dir, 'logs');
      mkdirSync(logs);
      const a = batches(events(90, 11), [10, 40, 41, 70]);
      const b = batches(events(80, 12, BASE + 1500), [30, 31, 55, 60]);
      // Appears in the third run, with events from where the others are then.
      const c = batches(events(40, 13, BASE + 165_000), [0, 0, 20, 25]);
      const args = ['-p', String(p), '--from', path.join(logs, '*.ndjson'), '--time', 'ts', '--lag', '5s', TUMBLING];
      const runs = await incremental(
        dir,
        args,
        4,
        (i) => {
          appendFileSync(path.join(logs, 'a.ndjson'), text(a[i]!));
          appendFileSync(path.join(logs, 'b.ndjson'), text(b[i]!));
          if (i >= 2) appendFileSync(path.join(logs, 'c.ndjson'), text(c[i]!));
        },
        path.join(dir, 'out.ndjson'),
      );
      expectSameAsOneRun(runs, await oneRun(dir, args), 3);
    });
  }

  for (const p of [1, 2]) {
    it(`a file rotated between runs is read on, then no longer holds the windows back (-p ${p})`, async () => {
      const dir = mkdtempSync(path.join(tmp, 'rotated-'));
      const log = path.join(dir, 'app.log');
      const all = events(120, 21);
      const out = path.join(dir, 'out.ndjson');
      const args = ['-p', String(p), '--from', log, '--time', 'ts', '--lag', '5s', TUMBLING];
      const runs = await incremental(
        dir,
        args,
        3,
        (i) => {
          if (i === 0) writeFileSync(log, text(all.slice(0, 40)));
          if (i === 1) {
            // Lines written before the rotation, the rotation, and a new file.
            appendFileSync(log, text(all.slice(40, 50)));
            renameSync(log, `${log}.1`);
            writeFileSync(log, text(all.slice(50, 80)));
          }
          if (i === 2) appendFileSync(log, text(all.slice(80, 120)));
        },
        out,
      );
      // The rotated file ended before the new one's last windows: they fired in the runs with --no-drain.
      const last = JSON.parse(runs.kept.results.at(-1)!) as { window_end: string };
      expect(Date.parse(last.window_end)).toBeGreaterThan(BASE + 80 * 4000 - 120_000);
      const whole = path.join(dir, 'whole.log');
      writeFileSync(whole, text(all));
      expectSameAsOneRun(runs, await oneRun(dir, ['-p', String(p), '--from', whole, '--time', 'ts', '--lag', '5s', TUMBLING]));
    });
  }
});

describe('--no-drain and the whole-input aggregation (no window)', () => {
  it('keeps the running counts in the state: nothing is written until a run without --no-drain', async () => {
    const dir = mkdtempSync(path.join(tmp, 'whole-'));
    const input = path.join(dir, 'a.ndjson');
    const pipeline = path.join(dir, 'p.yaml');
    const yaml = (noDrain: boolean): string =>
      [`from: ${input}`, 'format: json', 'steps:', '  - aggregate: count() by host', `state: ${path.join(dir, 'st')}`, `no_drain: ${noDrain}`].join('\n');
    const all = events(60, 3);
    writeFileSync(pipeline, yaml(true));
    for (const part of batches(all, [25, 50])) {
      appendFileSync(input, text(part));
      const res = await runCli(['run', '-c', pipeline]);
      expect(res.code, res.stderr).toBe(0);
      expect(res.stdout).toBe('');
      expect(res.stderr).toBe('');
    }
    writeFileSync(pipeline, yaml(false));
    const last = await runCli(['run', '-c', pipeline]);
    expect(last.code, last.stderr).toBe(0);
    const one = await runCli(['--from', input, 'json | count by host']);
    expect(lines(last.stdout)).toEqual(lines(one.stdout));
    expect(lines(one.stdout)).toHaveLength(3);
  });
});

describe('--no-drain needs --state', () => {
  it('on the command line and in YAML: a usage error before anything runs', async () => {
    const res = await runCli(['--no-drain', 'json | count'], { stdin: '{"a":1}\n' });
    expect(res).toMatchObject({ code: 2, stdout: '' });
    expect(res.stderr).toBe('error: --no-drain needs --state DIR\n  = help: the open windows are kept there for the next run\n');
    const pipeline = path.join(tmp, 'no-state.yaml');
    writeFileSync(pipeline, 'format: json\nsteps:\n  - aggregate: count()\nno_drain: true\n');
    const yaml = await runCli(['run', '-c', pipeline], { stdin: '{"a":1}\n' });
    expect(yaml).toMatchObject({ code: 2, stdout: '' });
    expect(yaml.stderr).toContain('error: --no-drain needs --state DIR');
  });
});

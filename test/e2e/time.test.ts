import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readdirSync, readlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cpuTimeAvailable, LiveCli, sleep } from '../support/live-cli.js';
import { runCli } from '../support/run-cli.js';

/** fstream reading stdin and a FIFO that the test holds open (quiet) until `finish`. */
class QuietFifoRun {
  readonly cli: LiveCli;
  private readonly fifo: string;
  private readonly writer: number;

  constructor(args: string[]) {
    this.fifo = path.join(mkdtempSync(path.join(tmpdir(), 'fstream-idle-')), 'quiet');
    execFileSync('mkfifo', [this.fifo]);
    this.writer = openSync(this.fifo, 'r+'); // O_RDWR: opens without waiting for a reader
    this.cli = new LiveCli(['--from', '-', '--from', this.fifo, ...args]);
  }

  /** Ends stdin, writes `last` into the FIFO and closes it once fstream has it open. */
  async finish(last: string): Promise<number | null> {
    this.cli.child.stdin.end();
    writeSync(this.writer, last);
    const fdDir = `/proc/${this.cli.child.pid}/fd`;
    const opened = (): boolean => {
      try {
        return readdirSync(fdDir).some((fd) => readlinkSafe(path.join(fdDir, fd)) === this.fifo);
      } catch {
        return true; // the process is gone
      }
    };
    while (!opened()) await sleep(20);
    closeSync(this.writer);
    return this.cli.end();
  }
}

function readlinkSafe(p: string): string {
  try {
    return readlinkSync(p);
  } catch {
    return '';
  }
}

describe('time', () => {
  // Each test keeps stdin open: results must reach the pipe while no more input arrives.
  for (const p of ['1', '2']) {
    it(`processing-time windows fire on the clock while stdin stays open (-p ${p})`, async () => {
      const cli = new LiveCli(['-p', p, 'json | window tumbling 1s | count by k']);
      cli.write('{"k":"a"}\n{"k":"a"}\n{"k":"b"}\n');
      // The window closes within about a second even though no more input arrives.
      await cli.waitFor(() => cli.records().length >= 2, 10_000);
      const first = cli.records();
      expect(first.map((r) => [r.k, r.count])).toEqual([
        ['a', 2],
        ['b', 1],
      ]);
      expect(Date.parse(first[0]!.window_end as string) - Date.parse(first[0]!.window_start as string)).toBe(1000);
      expect(await cli.end()).toBe(0);
    });

    it(`emit every gives running results on the clock while stdin is quiet, then the final one (-p ${p})`, async () => {
      const cli = new LiveCli(['-p', p, '--time', 'ts', 'json | window tumbling 1h | emit every 1s | count by k']);
      cli.write('{"ts":"2026-03-01T10:00:00Z","k":"a"}\n');
      await cli.waitFor(() => cli.records().some((r) => r.final === false), 10_000);
      cli.write('{"ts":"2026-03-01T10:00:01Z","k":"a"}\n');
      await cli.waitFor(() => cli.records().some((r) => r.final === false && r.count === 2), 10_000);
      expect(await cli.end()).toBe(0);
      const recs = cli.records();
      const last = recs[recs.length - 1]!;
      expect(last).toEqual({ window_start: '2026-03-01T10:00:00.000Z', window_end: '2026-03-01T11:00:00.000Z', k: 'a', count: 2, final: true });
      expect(recs.filter((r) => r.final === true)).toHaveLength(1);
    });

    it(`--idle: a quiet stdin is caught up with the present, its last window fires; later events behind it are late (-p ${p})`, async () => {
      const late = path.join(mkdtempSync(path.join(tmpdir(), 'fstream-idle-')), 'late.ndjson');
      const cli = new LiveCli(['-p', p, '--time', 'ts', '--idle', '1s', '--late', late, 'json | window tumbling 1s | count by k']);
      cli.write('{"ts":"2026-03-01T10:00:00.100Z","k":"a"}\n{"ts":"2026-03-01T10:00:00.600Z","k":"b"}\n');
      // Quiet for 1 s: idle; its watermark (10:00:00.599) moves on with the clock past 10:00:01.
      await cli.waitFor(() => cli.records().length >= 2, 10_000);
      expect(cli.records()).toEqual([
        { window_start: '2026-03-01T10:00:00.000Z', window_end: '2026-03-01T10:00:01.000Z', k: 'a', count: 1 },
        { window_start: '2026-03-01T10:00:00.000Z', window_end: '2026-03-01T10:00:01.000Z', k: 'b', count: 1 },
      ]);
      const behind = '{"ts":"2026-03-01T10:00:00.300Z","k":"a"}';
      cli.write(`${behind}\n{"ts":"2026-03-01T10:00:30Z","k":"a"}\n`);
      expect(await cli.end()).toBe(0);
      expect(cli.records().slice(2)).toEqual([{ window_start: '2026-03-01T10:00:30.000Z', window_end: '2026-03-01T10:00:31.000Z', k: 'a', count: 1 }]);
      expect(cli.stderr).toContain('1 late event');
      expect(readFileSync(late, 'utf8')).toBe(`${behind}\n`);
    });
  }

  it.skipIf(!cpuTimeAvailable)('a quiet fstream costs next to no CPU (-p 1 and -p 2)', async () => {
    const query = 'json | window tumbling 1s | count by k | emit every 1s';
    const runs = ['1', '2'].map((p) => new LiveCli(['-p', p, '--time', 'ts', '--idle', '1s', query]));
    for (const cli of runs) cli.write('{"ts":"2026-03-01T10:00:00.500Z","k":"a"}\n');
    // Started, with its workers, once the window fired; then it has nothing to do but its timers.
    for (const cli of runs) await cli.waitFor(() => cli.records().some((r) => r.final === true), 15_000);
    await sleep(300);
    const before = runs.map((cli) => cli.cpuMs());
    const since = Date.now();
    await sleep(2000);
    const wall = Date.now() - since;
    const used = runs.map((cli, i) => cli.cpuMs() - before[i]!);
    for (const cli of runs) expect(await cli.end()).toBe(0);
    // A busy loop would use about all of the wall time; timers every 100 ms use well under 1%.
    for (const ms of used) expect(ms).toBeLessThan(wall * 0.1);
  });

  it('--idle: a quiet input stops holding the watermark back', async () => {
    // Two inputs: stdin moves on, a FIFO stays open and sends nothing. Without --idle the quiet
    // input holds the job watermark (the minimum) back; with it, windows fire on stdin's progress.
    const lines = '{"ts":"2026-03-01T10:00:10Z"}\n{"ts":"2026-03-01T10:01:30Z"}\n';
    const held = new QuietFifoRun(['--time', 'ts', 'json | window tumbling 1m | count']);
    const idle = new QuietFifoRun(['--time', 'ts', '--idle', '300ms', 'json | window tumbling 1m | count']);
    held.cli.write(lines);
    idle.cli.write(lines);
    // [10:00, 10:01) is complete on stdin's watermark (10:01:29.999).
    await idle.cli.waitFor(() => idle.cli.records().length >= 1, 5000);
    expect(idle.cli.records()[0]).toEqual({ window_start: '2026-03-01T10:00:00.000Z', window_end: '2026-03-01T10:01:00.000Z', count: 1 });
    expect(held.cli.records()).toEqual([]);
    expect(await held.finish('{"ts":"2026-03-01T10:01:40Z"}\n')).toBe(0);
    expect(await idle.finish('{"ts":"2026-03-01T10:01:40Z"}\n')).toBe(0);
    expect(held.cli.records().map((r) => r.count)).toEqual([1, 2]);
    expect(idle.cli.records().map((r) => r.count)).toEqual([1, 2]);
  });

  it('reads --time-format times (strftime with %z) and the time stage in the query', async () => {
    const input = ['{"t":"01/03/2026 10:00:05 +0100","n":1}', '{"t":"01/03/2026 10:00:50 +0100","n":2}', '{"t":"01/03/2026 10:01:10 +0100","n":4}', ''].join(
      '\n',
    );
    const viaOption = await runCli(['--time', 't', '--time-format', '%d/%m/%Y %H:%M:%S %z', 'json | window tumbling 1m | sum(n)'], { stdin: input });
    const viaStage = await runCli(['json | time t format "%d/%m/%Y %H:%M:%S %z" | window tumbling 1m | sum(n)'], { stdin: input });
    const expected =
      '{"window_start":"2026-03-01T09:00:00.000Z","window_end":"2026-03-01T09:01:00.000Z","sum_n":3}\n{"window_start":"2026-03-01T09:01:00.000Z","window_end":"2026-03-01T09:02:00.000Z","sum_n":4}\n';
    expect(viaOption.stdout).toBe(expected);
    expect(viaStage.stdout).toBe(expected);
  });

  for (const p of ['1', '2']) {
    it(`gives a syslog time without a year the latest year that does not put it in the future (-p ${p})`, async () => {
      const DAY = 86_400_000;
      const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
      // Days clear of the one-day skew and of Feb 29 (which not every year has).
      const day = (offset: number): Date => {
        const d = new Date(Date.now() + offset * DAY);
        return d.getUTCMonth() === 1 && d.getUTCDate() === 29 ? new Date(d.getTime() + Math.sign(offset) * DAY) : d;
      };
      const ahead = day(20);
      const behind = day(-20);
      const syslog = (d: Date): string => `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} 06:55:46`;
      const iso = (y: number, d: Date): string =>
        `${y}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}T00:00:00.000Z`;
      const input = `{"ts":"${syslog(ahead)}"}\n{"ts":"${syslog(behind)}"}\n`;
      const res = await runCli(['-p', p, '--time', 'ts', '--time-format', '%b %e %H:%M:%S', 'json | window tumbling 1d | count'], { stdin: input });
      expect(res.stderr).toBe('');
      const starts = res.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as { window_start: string }).window_start);
      expect(starts.sort()).toEqual([iso(ahead.getUTCFullYear() - 1, ahead), iso(behind.getUTCFullYear(), behind)].sort());
    });
  }

  it('time ingestion stamps records with the time they were read', async () => {
    const before = Date.now();
    const res = await runCli(['json | time ingestion | window tumbling 1h | count'], { stdin: '{}\n{}\n' });
    const [rec] = res.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { window_start: string; count: number });
    expect(rec!.count).toBe(2);
    const start = Date.parse(rec!.window_start);
    expect(start).toBeLessThanOrEqual(Date.now());
    expect(start).toBeGreaterThan(before - 3_600_000);
  });
});

import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, statSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { check, EXACT, Follower, LogWriter, QUERY, ranges, report, shiftRotated, sleep, started, until, untilAll, untilLast } from '../../support/follow.js';

/**
 * `fstream -f` following logs that a concurrent writer (a separate process, thousands of lines a
 * second) appends to while they are rotated: every line written must come out once, the lines of
 * one file in order. fstream is stopped with SIGINT once the output holds what was written.
 */
const run = promisify(execFile);
const tmp = mkdtempSync(path.join(tmpdir(), 'fstream-follow-'));
/** Processes to kill when the test ends (passed or not). */
type Cleanup = (fn: () => void) => void;

function writer(onEnd: Cleanup, linesPerSec: number): LogWriter {
  const w = new LogWriter(linesPerSec);
  onEnd(() => w.kill());
  return w;
}

function follow(onEnd: Cleanup, args: string[]): Follower {
  const f = new Follower(args);
  onEnd(() => void f.kill());
  return f;
}

function dirs(...names: string[]): string[] {
  const base = mkdtempSync(path.join(tmp, 'case-'));
  return names.map((n) => {
    mkdirSync(path.join(base, n));
    return path.join(base, n);
  });
}

describe('follow: rotation with a concurrent writer', () => {
  it('rename rotation: the rotated name unmatched (*.log) or matched (*.log*); the writer lingers on the old file or reopens at once', async ({
    onTestFinished,
  }) => {
    const [dirA, dirB, dirC] = dirs('a', 'b', 'c') as [string, string, string];
    const w = writer(onTestFinished, 20_000);
    await w.open('a', path.join(dirA, 'a.log'));
    await w.open('b', path.join(dirB, 'b.log'));
    await w.open('c', path.join(dirC, 'c.log'));
    const f = follow(onTestFinished, ['-p', '1', '--from', `${dirA}/*.log`, '--from', `${dirB}/*.log*`, '--from', `${dirC}/*.log`, QUERY]);
    await started(f);
    for (let i = 1; i <= 4; i++) {
      await sleep(600);
      // a: `mv a.log a.log.N`, lines go on into the renamed file for 150 ms, then a new a.log;
      // b: logrotate's numbered shift (b.log.2 → b.log.3, ...; the oldest of 3 deleted), and a new b.log at once;
      // c: `mv c.log c.log.N` and a new c.log at once (what a watcher reports as a change to c.log):
      // the new file must be found before it is rotated away in turn, well within the 2 s rescan.
      shiftRotated(dirB, 'b.log', 3);
      await Promise.all([
        w.rename('a', path.join(dirA, `a.log.${i}`), 150),
        w.rename('b', path.join(dirB, 'b.log.1'), 0),
        w.rename('c', path.join(dirC, `c.log.${i}`), 0),
      ]);
    }
    await sleep(300);
    const sum = await w.stop();
    await untilAll(() => f.records(), sum);
    expect(await f.stop(), f.stderr).toBe(0);
    expect(report(check(f.records(), sum))).toBe(EXACT);
    expect(f.stderr).toBe('');
  }, 60_000);

  it('copytruncate: nothing lost with the copy matched; without, nothing repeated (losses counted)', async ({ onTestFinished }) => {
    const [dirM, dirK, dirU] = dirs('m', 'k', 'u') as [string, string, string];
    const w = writer(onTestFinished, 6000);
    await w.open('m', path.join(dirM, 'm.log'));
    await w.open('k', path.join(dirK, 'k.log'));
    await w.open('u', path.join(dirU, 'u.log'));
    // m and k: the copies (x.log.1, shifted to x.log.2, ...) match; u: they do not.
    const f = follow(onTestFinished, ['-p', '1', '--from', `${dirM}/*.log*`, '--from', `${dirK}/*.log*`, '--from', `${dirU}/*.log`, QUERY]);
    await started(f);
    const gaps: { from: number; to: number }[] = [];
    for (let i = 1; i <= 4; i++) {
      await sleep(500);
      shiftRotated(dirM, 'm.log', 3);
      shiftRotated(dirK, 'k.log', 3);
      // m: copy and truncate with no line written between; k: 30 ms of lines between them (lost
      // from both files unless read before the truncation); u: alternately.
      const [, gap] = await Promise.all([
        w.copytruncate('m', path.join(dirM, 'm.log.1'), 0),
        w.copytruncate('k', path.join(dirK, 'k.log.1'), 30),
        w.copytruncate('u', path.join(dirU, `u.log.${i}`), i % 2 === 0 ? 30 : 0),
      ]);
      gaps.push(gap);
    }
    await sleep(300);
    const sum = await w.stop();
    await untilAll(() => f.records(), sum, ['m']);
    await untilLast(() => f.records(), sum, ['k', 'u']);
    // A copy is judged within 2 s (copyWaitMs): a repeat would come by then.
    await sleep(2000);
    expect(await f.stop(), f.stderr).toBe(0);
    const recs = f.records();
    expect(report(check(recs, sum, { streams: ['m'] }))).toBe(EXACT);
    const k = check(recs, sum, { streams: ['k'] });
    expect(report({ ...k, lost: [] })).toBe(EXACT);
    const inGap = (key: string): boolean => gaps.some((g) => Number(key.slice(2)) >= g.from && Number(key.slice(2)) <= g.to);
    expect(
      k.lost.filter((key) => !inGap(key)),
      'k: lost outside the copy-to-truncate gaps',
    ).toEqual([]);
    const u = check(recs, sum, { streams: ['u'] });
    expect(report({ ...u, lost: [] })).toBe(EXACT);
    // What is lost can only be the end of a truncated content: lines of a generation before the last.
    const lastGen = sum.streams.u!.generations.at(-1)!;
    expect(u.lost.filter((key) => Number(key.slice(2)) >= lastGen.from)).toEqual([]);
    console.info(
      `copytruncate (${sum.streams.u!.last} lines, 4 truncations): copy unmatched, lost ${u.lost.length}${u.lost.length ? ` (${ranges(u.lost)})` : ''}; ` +
        `copy matched with 30 ms gaps, lost ${k.lost.length} of ${gaps.reduce((n, g) => n + g.to - g.from + 1, 0)} written in the gaps`,
    );
  }, 60_000);

  it('fstream stalled (SIGSTOP) across a copytruncate, the file grown again past its position: the copy gives the unread tail, the new content is read from its start', async ({
    onTestFinished,
  }) => {
    const [dirM, dirU] = dirs('m', 'u') as [string, string];
    const w = writer(onTestFinished, 4000);
    await w.open('m', path.join(dirM, 'm.log'));
    await w.open('u', path.join(dirU, 'u.log'));
    const f = follow(onTestFinished, ['-p', '1', '--from', `${dirM}/*.log*`, '--from', `${dirU}/*.log`, QUERY]);
    await started(f);
    await sleep(400);
    f.child.kill('SIGSTOP');
    const sizes = [statSync(path.join(dirM, 'm.log')).size, statSync(path.join(dirU, 'u.log')).size];
    await Promise.all([w.copytruncate('m', path.join(dirM, 'm.log.1')), w.copytruncate('u', path.join(dirU, 'u.log.1'))]);
    // Stalled until both files are longer again than when they were truncated.
    await until(
      () => [statSync(path.join(dirM, 'm.log')).size, statSync(path.join(dirU, 'u.log')).size],
      ([m, u]) => m! > sizes[0]! + 4096 && u! > sizes[1]! + 4096,
      20_000,
      (now) => `sizes ${now} vs ${sizes}`,
    );
    f.child.kill('SIGCONT');
    await sleep(300);
    const sum = await w.stop();
    await untilAll(() => f.records(), sum, ['m']);
    await untilLast(() => f.records(), sum, ['u']);
    await sleep(2000);
    expect(await f.stop(), f.stderr).toBe(0);
    expect(report(check(f.records(), sum, { streams: ['m'] }))).toBe(EXACT);
    // u's copy is not followed: the tail unread at the truncation is lost, nothing else.
    const u = check(f.records(), sum, { streams: ['u'] });
    expect(report({ ...u, lost: [] })).toBe(EXACT);
    const truncatedGen = sum.streams.u!.generations[0]!;
    expect(u.lost.filter((k) => Number(k.slice(2)) > truncatedGen.to)).toEqual([]);
    // No line was read from the middle (a cut line would be a bad record).
    expect(f.stderr).toBe('');
  }, 60_000);

  // These two run at once: the second mostly waits.
  it.concurrent('files deleted and recreated, new files (also in new subdirectories), a path missing at start, a swapped symlink', async ({
    onTestFinished,
  }) => {
    const [dirD, dirN, dirP, dirS] = dirs('d', 'n', 'p', 's') as [string, string, string, string];
    const w = writer(onTestFinished, 5000);
    await w.open('d', path.join(dirD, 'd.log'));
    await w.open('s', path.join(dirS, 'targets', 's-1.log'));
    const link = path.join(dirS, 'current.log');
    symlinkSync('targets/s-1.log', link);
    const later = path.join(dirP, 'later', 'x.log');
    const f = follow(onTestFinished, ['-p', '2', '--from', `${dirD}/*.log`, '--from', `${dirN}/**/*.log`, '--from', later, '--from', link, QUERY]);
    await started(f);
    await w.open('n1', path.join(dirN, 'n1.log'));
    await w.open('x', later);
    for (let i = 1; i <= 3; i++) {
      await sleep(500);
      // `rm d.log`: lines go on into the deleted file for 150 ms, then a new d.log.
      const recreated = w.unlink('d', 150);
      if (i === 2) await w.open('n2', path.join(dirN, 'sub', 'deep', 'n2.log'));
      // The writer moves on to the next target, then the link is swapped to it (atomically).
      await w.open('s', path.join(dirS, 'targets', `s-${i + 1}.log`));
      symlinkSync(`targets/s-${i + 1}.log`, `${link}.tmp`);
      renameSync(`${link}.tmp`, link);
      await recreated;
    }
    await sleep(300);
    const sum = await w.stop();
    await untilAll(() => f.records(), sum);
    expect(await f.stop(), f.stderr).toBe(0);
    expect(report(check(f.records(), sum))).toBe(EXACT);
    expect(Object.keys(sum.streams).sort()).toEqual(['d', 'n1', 'n2', 's', 'x']);
    expect(f.stderr).toBe('');
  }, 60_000);

  it.concurrent('a rotated file compressed (gzip a.log.1, glob *.log*) is not read again: while it is read, or after it ended', async ({ onTestFinished }) => {
    const [dirZ] = dirs('z') as [string];
    const w = writer(onTestFinished, 2000);
    const log = path.join(dirZ, 'z.log');
    await w.open('z', log);
    const f = follow(onTestFinished, ['-p', '1', '--from', `${dirZ}/*.log*`, QUERY]);
    await started(f);
    await sleep(500);
    // Compressed soon after the rotation: z.log.1.gz appears while z.log.1 is being read.
    await w.rename('z', `${log}.1`, 100);
    await sleep(200);
    await run('gzip', [`${log}.1`]);
    await sleep(500);
    // Compressed under a name not matched, z.log.2 deleted, and the .gz put in place once the
    // deleted file has ended (quiet for rotateWaitMs, 5 s): it is known by what is remembered of finished files.
    await w.rename('z', `${log}.2`, 100);
    await sleep(200);
    await run('sh', ['-c', `gzip -c '${log}.2' > '${dirZ}/.z.log.2.gz.tmp'`]);
    unlinkSync(`${log}.2`);
    await sleep(6500);
    renameSync(path.join(dirZ, '.z.log.2.gz.tmp'), `${log}.2.gz`);
    await sleep(300);
    const sum = await w.stop();
    await untilAll(() => f.records(), sum);
    // A copy is judged within 2 s (copyWaitMs) and the rescan runs every 2 s: a repeat would come by then.
    await sleep(2000);
    expect(await f.stop(), f.stderr).toBe(0);
    expect(existsSync(`${log}.1.gz`) && existsSync(`${log}.2.gz`)).toBe(true);
    expect(report(check(f.records(), sum))).toBe(EXACT);
    expect(f.stderr).toBe('');
  }, 60_000);
});

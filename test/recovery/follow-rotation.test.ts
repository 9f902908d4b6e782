import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { check, describeLoss, EXACT, Follower, LogWriter, QUERY, readOut, report, sleep, until } from '../support/follow.js';
import { rng } from './harness.js';

/**
 * `fstream -f` with state and exactly-once file output, killed with SIGKILL at random moments
 * while a writer appends to logs that are rotated — while it runs and while it is down (rotated
 * once, twice, copied and truncated, compressed) — and restarted each time: at the end the output
 * holds every line written exactly once. `npm test` runs a few kills; `npm run test:recovery`
 * (FSTREAM_RECOVERY_FULL=1) many more.
 *
 * a.log is followed as `A/*.log*`: its rotated names (a.log.1, a.log.2.gz, ...) and copies stay
 * matched, so any number of rotations lose nothing. b.log is followed as `B/*.log`: a rotated
 * b.log.N is found again after a restart only if the job had it, so b is rotated only once the
 * committed output shows its current file was read (a file never seen by a checkpoint, rotated
 * away unmatched, is lost to any follower).
 */
const FULL = process.env.FSTREAM_RECOVERY_FULL === '1';
const KILLS = FULL ? 16 : 4;
const run = promisify(execFile);

describe('recovery: follow through rotations, SIGKILL and restart', () => {
  it(`${KILLS} kills, rotations while running and while down: every line exactly once`, async ({ onTestFinished }) => {
    const random = rng(KILLS * 7 + 3);
    const between = (lo: number, hi: number): number => Math.round(lo + random() * (hi - lo));
    const base = mkdtempSync(path.join(tmpdir(), 'fstream-follow-recovery-'));
    const dirA = path.join(base, 'A');
    const dirB = path.join(base, 'B');
    mkdirSync(dirA);
    mkdirSync(dirB);
    const out = path.join(base, 'out.ndjson');
    const args = ['-p', '2', '--from', `${dirA}/*.log*`, '--from', `${dirB}/*.log`];
    args.push('--state', path.join(base, 'st'), '--to', out, '--exactly-once', '--checkpoint-interval', '200ms', QUERY);
    const w = new LogWriter(4000);
    onTestFinished(() => w.kill());
    await w.open('a', path.join(dirA, 'a.log'));
    await w.open('b', path.join(dirB, 'b.log'));
    const done: Record<string, number> = {};
    const count = (what: string): void => void (done[what] = (done[what] ?? 0) + 1);

    let rotatedA = 0;
    /** a.log → a.log.1 after shifting a.log.N[.gz] → a.log.N+1[.gz] (nothing deleted). */
    const shiftA = (): void => {
      for (let n = rotatedA; n >= 1; n--)
        for (const ext of ['', '.gz']) {
          const from = path.join(dirA, `a.log.${n}${ext}`);
          if (existsSync(from)) renameSync(from, path.join(dirA, `a.log.${n + 1}${ext}`));
        }
      rotatedA++;
    };
    const renameA = async (): Promise<void> => {
      shiftA();
      await w.rename('a', path.join(dirA, 'a.log.1'), between(0, 150));
    };
    const copytruncateA = async (): Promise<void> => {
      shiftA();
      await w.copytruncate('a', path.join(dirA, 'a.log.1'));
    };
    /** Compresses a rotated a.log.N (N ≥ 2: the writer is done with it). */
    const gzipA = async (): Promise<boolean> => {
      const plain = readdirSync(dirA).filter((n) => /^a\.log\.([2-9]|\d\d+)$/.test(n));
      if (plain.length === 0) return false;
      await run('gzip', [path.join(dirA, plain[between(0, plain.length - 1)]!)]);
      return true;
    };
    let rotatedB = 0;
    /** Whether the committed output holds a line of b's current file. */
    const bSeen = async (): Promise<boolean> => {
      const g = (await w.summary()).streams.b!.generations.at(-1)!.g;
      return readOut(out).some((r) => r.f === 'b' && r.g === g);
    };
    const renameB = async (): Promise<boolean> => {
      if (!(await bSeen())) return false;
      await w.rename('b', path.join(dirB, `b.log.${++rotatedB}`), between(0, 150));
      return true;
    };
    type Rotation = 'rename a' | 'copytruncate a' | 'gzip a.log.N' | 'rename b';
    const rotate = async (what: Rotation, when: 'up' | 'down'): Promise<void> => {
      let happened = true;
      if (what === 'rename a') await renameA();
      else if (what === 'copytruncate a') await copytruncateA();
      else if (what === 'gzip a.log.N') happened = await gzipA();
      else happened = await renameB();
      if (happened) count(`${what} ${when}`);
    };
    const anyRotation = (): Rotation => (['rename a', 'rename a', 'copytruncate a', 'gzip a.log.N', 'rename b'] as const)[between(0, 4)]!;
    // While down: rotated once, twice, copied and truncated, rotated and compressed; in turn, then at random.
    const whileDown: Rotation[][] = [['rename a'], ['rename a', 'rename a', 'rename b'], ['copytruncate a'], ['gzip a.log.N', 'rename a', 'rename b']];

    for (let kill = 1; kill <= KILLS; kill++) {
      const f = new Follower(args);
      onTestFinished(() => void f.kill());
      // A rotation or two at random moments while it runs, the kill at another.
      const rotations = (async () => {
        for (let i = between(1, 2); i > 0; i--) {
          await sleep(between(100, 1200));
          if (f.child.exitCode === null && f.child.signalCode === null) await rotate(anyRotation(), 'up');
        }
      })();
      await sleep(between(400, 2500));
      const ended = await f.kill();
      expect(ended.signal, f.stderr).toBe('SIGKILL');
      await rotations;
      const down = kill <= whileDown.length ? whileDown[kill - 1]! : Array.from({ length: between(0, 2) }, anyRotation);
      for (const what of down) await rotate(what, 'down');
      await sleep(between(100, 500));
    }

    // The last run: one more rotation of each while it runs, then the writer stops.
    const f = new Follower(args);
    onTestFinished(() => void f.kill());
    await until(
      () => readOut(out).length,
      (n) => n > 0,
      30_000,
      () => f.stderr,
    );
    await sleep(500);
    await rotate('rename a', 'up');
    await sleep(300);
    await rotate('rename b', 'up');
    await sleep(300);
    const sum = await w.stop();
    await until(
      () => readOut(out),
      (recs) => check(recs, sum).lost.length === 0,
      40_000,
      (recs) => describeLoss(check(recs, sum), sum),
    );
    expect(await f.stop(), f.stderr).toBe(0);
    const verdict = check(readOut(out), sum);
    expect(report(verdict), describeLoss(verdict, sum)).toBe(EXACT);
    console.info(`follow recovery: ${KILLS} kills, ${sum.streams.a!.last + sum.streams.b!.last} lines; ${JSON.stringify(done)}`);
  }, 120_000);
});

import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveCli } from '../support/live-cli.js';
import { BIN, ROOT } from '../support/run-cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'fstream-signals-'));
const children: { kill(signal: NodeJS.Signals): boolean }[] = [];
// A failed test must not leave a job running (one reading /dev/zero takes a core).
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

/** Starts `bin/fstream args` with stdout read (or not), and returns its exit and stderr. */
function start(args: string[], readStdout = true) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  if (readStdout) child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, exited, out: () => ({ stdout, stderr }) };
}

const started = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until the process has `file` open (its job is reading it), so a signal finds the job
 * running however slow the start-up is on a loaded machine; then a little more.
 */
async function reading(pid: number | undefined, file: string): Promise<void> {
  const until = Date.now() + 20_000;
  for (;;) {
    let open = false;
    try {
      open = readdirSync(`/proc/${pid}/fd`).some((fd) => {
        try {
          return readlinkSync(`/proc/${pid}/fd/${fd}`) === file;
        } catch {
          return false;
        }
      });
    } catch {
      // no /proc: fall back to time
      await new Promise((r) => setTimeout(r, 800));
      return;
    }
    if (open || Date.now() > until) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  await new Promise((r) => setTimeout(r, 100));
}

describe('signals and live inputs', () => {
  for (const p of [1, 2]) {
    it(`SIGTERM stops a read that never ends (--from /dev/zero, -p ${p})`, async () => {
      const run = start(['-p', String(p), '--from', '/dev/zero', 'lines | count']);
      await reading(run.child.pid, '/dev/zero');
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
    });

    it(`SIGTERM stops a job waiting for a FIFO's writer (-p ${p})`, async () => {
      const fifo = path.join(tmp, `fifo-${p}`);
      execFileSync('mkfifo', [fifo]);
      const run = start(['-p', String(p), '--from', fifo, 'lines']);
      await reading(run.child.pid, fifo);
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
    });
  }

  it('reads a FIFO as a live input: lines as they come, to the end of its writer', async () => {
    const fifo = path.join(tmp, 'fifo-live');
    execFileSync('mkfifo', [fifo]);
    const run = start(['--from', fifo, 'lines']);
    writeFileSync(fifo, 'a\nb\n');
    expect(await run.exited).toBe(0);
    expect(run.out().stdout).toBe('{"line":"a"}\n{"line":"b"}\n');
  });

  it('a second signal exits at once with code 2, even while output is blocked', async () => {
    const big = path.join(tmp, 'big.ndjson');
    writeFileSync(big, `{"s":"${'x'.repeat(200)}"}\n`.repeat(20_000));
    // Nobody reads stdout: the pipe fills, and the final flush after the first signal waits.
    const run = start(['-p', '1', '--from', big, 'json'], false);
    await reading(run.child.pid, big);
    run.child.kill('SIGTERM');
    await started(300);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(2);
    expect(run.out().stderr).toContain('fstream: interrupted');
  });

  for (const p of [1, 2]) {
    it(`hands on each line of a live stdin as it arrives (-p ${p})`, async () => {
      const cli = new LiveCli(['-p', String(p), 'json | where s >= 500']);
      cli.write('{"s":500}\n');
      await cli.waitFor(() => cli.stdout.includes('{"s":500}'), 10_000);
      cli.write('{"s":200}\n{"s":503}\n');
      await cli.waitFor(() => cli.stdout.includes('{"s":503}'), 10_000);
      expect(await cli.end()).toBe(0);
      expect(cli.stdout).toBe('{"s":500}\n{"s":503}\n');
    });
  }
});

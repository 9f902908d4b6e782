import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { BIN, ROOT } from './run-cli.js';

/**
 * A running `bin/fstream` whose stdin the test writes to over time, for behaviour that depends
 * on processing time (emit every, processing-time windows, idleness).
 */
export class LiveCli {
  readonly child: ChildProcessWithoutNullStreams;
  stdout = '';
  stderr = '';
  private readonly exited: Promise<number | null>;

  constructor(args: string[]) {
    this.child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    this.child.stdout.on('data', (b: Buffer) => (this.stdout += b.toString('utf8')));
    this.child.stderr.on('data', (b: Buffer) => (this.stderr += b.toString('utf8')));
    this.exited = new Promise((resolve) => this.child.on('close', (code) => resolve(code)));
  }

  write(text: string): void {
    this.child.stdin.write(text);
  }

  /** Output lines parsed as JSON. */
  records(): Record<string, unknown>[] {
    return this.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  }

  /** Waits until `pred` holds for the output so far, or fails after `timeoutMs`. */
  async waitFor(pred: () => boolean, timeoutMs = 5000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!pred()) {
      if (Date.now() > until) throw new Error(`timed out; stdout so far:\n${this.stdout}\nstderr:\n${this.stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /**
   * CPU time the process has used so far, in ms: user + system over all its threads (workers
   * too), from /proc/<pid>/stat (Linux only; see `cpuTimeAvailable`).
   */
  cpuMs(): number {
    const stat = readFileSync(`/proc/${this.child.pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces: utime and
    // stime are fields 14 and 15 of the line, 12 and 13 of this rest.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(rest[11]) + Number(rest[12])) * 1000) / clockTicks();
  }

  /** Waits for the exit code without closing stdin. */
  wait(): Promise<number | null> {
    return this.exited;
  }

  /** Closes stdin and waits for the exit code. */
  async end(): Promise<number | null> {
    this.child.stdin.end();
    return this.exited;
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** True where a process's CPU time can be read (`LiveCli.cpuMs`). */
export const cpuTimeAvailable = ((): boolean => {
  try {
    readFileSync('/proc/self/stat', 'utf8');
    return true;
  } catch {
    return false;
  }
})();

let ticks: number | undefined;

/** Clock ticks per second, the unit of /proc/<pid>/stat's times (almost always 100). */
function clockTicks(): number {
  if (ticks === undefined) {
    try {
      ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticks = 100;
    }
  }
  return ticks;
}

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './run-cli.js';

/** tmux is installed: the tests that read a real terminal's screen run (CI installs it). */
export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

/**
 * A real pseudo-terminal for screen tests: tmux (on its own socket) runs a shell command in a
 * window of the given size, and the test reads the screen as a user would see it.
 */
export class Terminal {
  private readonly socket = path.join(mkdtempSync(path.join(tmpdir(), 'fstream-tty-')), 'tmux.sock');

  /** Runs `command` from the repo root; `EXIT=<code>` is printed when it ends, and the window stays. */
  start(command: string, size: { columns: number; rows: number }): void {
    this.tmux('new-session', '-d', '-s', 't', '-x', String(size.columns), '-y', String(size.rows), '-c', ROOT, `${command}; echo EXIT=$?; sleep 60`);
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', 't');
  }

  /** Waits until the screen satisfies `pred` (polling), or fails with what is on it. */
  async waitFor(pred: (screen: string) => boolean, timeoutMs = 10_000): Promise<string> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const s = this.screen();
      if (pred(s)) return s;
      if (Date.now() > until) throw new Error(`timed out; screen:\n${s}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', 't', ...keys);
  }

  close(): void {
    spawnSync('tmux', ['-S', this.socket, 'kill-server']);
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-S', this.socket, ...args], { encoding: 'utf8' });
  }
}

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BIN, ROOT, runCli } from '../support/run-cli.js';

export interface KillRun {
  /** Query and options (without --state / --to). */
  args: string[];
  /** A fresh directory per episode is made under it. */
  workDir: string;
  /** SIGKILLs to deliver in all, over as many episodes as it takes. */
  kills: number;
  /** Random kill delay range after start, ms. */
  minDelayMs: number;
  maxDelayMs: number;
  /** Deterministic randomness. */
  seed: number;
  env?: Record<string, string>;
  /** Called after each kill with the episode's state directory, before the restart (e.g. to read `fstream state show`). */
  afterKill?: (stateDir: string) => Promise<void> | void;
}

export interface Episode {
  killed: number;
  runs: number;
  /** The final output of the episode's job. */
  lines: string[];
}

/** Deterministic randomness (mulberry32): numbers in [0, 1) from `seed`. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs once; kills it with SIGKILL after `killAfterMs` unless it finished first. */
function runOnce(
  args: string[],
  killAfterMs: number | null,
  env: Record<string, string>,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stderr });
    });
  });
}

/**
 * Runs a pipeline with --state and --to, killing it with SIGKILL at random moments and
 * restarting it each time until a run completes: one episode. Episodes repeat (each with a
 * fresh state and output) until `kills` kills were delivered in all.
 */
export async function runWithKills(r: KillRun): Promise<Episode[]> {
  const random = rng(r.seed);
  const episodes: Episode[] = [];
  let total = 0;
  while (total < r.kills) {
    const dir = mkdtempSync(path.join(r.workDir, 'episode-'));
    const outFile = path.join(dir, 'out.ndjson');
    const stateDir = path.join(dir, 'state');
    const args = [...r.args, '--state', stateDir, '--to', outFile];
    const ep: Episode = { killed: 0, runs: 0, lines: [] };
    for (;;) {
      const delay = total < r.kills ? r.minDelayMs + random() * (r.maxDelayMs - r.minDelayMs) : null;
      const res = await runOnce(args, delay, r.env ?? {});
      ep.runs++;
      if (res.signal === 'SIGKILL') {
        ep.killed++;
        total++;
        await r.afterKill?.(stateDir);
        continue;
      }
      if (res.code !== 0) throw new Error(`run ${ep.runs} exited ${res.code}: ${res.stderr}`);
      break;
    }
    ep.lines = existsSync(outFile) ? readFileSync(outFile, 'utf8').split('\n').filter(Boolean) : [];
    episodes.push(ep);
  }
  return episodes;
}

/** The uninterrupted result, for comparison. */
export async function uninterrupted(args: string[], env: Record<string, string> = {}): Promise<string[]> {
  const res = await runCli(args, { env, timeoutMs: 120_000 });
  if (res.code !== 0) throw new Error(res.stderr);
  return res.stdout.split('\n').filter(Boolean);
}

export { runOnce };

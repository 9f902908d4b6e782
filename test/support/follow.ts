import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, renameSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { BIN, ROOT } from './run-cli.js';

/** What the log writer wrote: per stream, its last seq and where each generation went. */
export interface WriterSummary {
  streams: Record<string, { last: number; generations: { g: number; path: string; from: number; to: number }[] }>;
}

/**
 * The log-writing child process (test/support/log-writer.mjs): appends NDJSON lines
 * `{"f","seq","g","pad"}` at a rate and rotates its files on request, concurrently with fstream.
 */
export class LogWriter {
  private readonly child: ChildProcess;
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(linesPerSec: number) {
    this.child = fork(path.join(ROOT, 'test/support/log-writer.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (m: { id: number; result?: unknown; error?: string }) => {
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (m.error !== undefined) w?.reject(new Error(`log writer: ${m.error}`));
      else w?.resolve(m.result);
    });
    this.child.on('exit', () => {
      for (const w of this.waiting.values()) w.reject(new Error('log writer exited'));
      this.waiting.clear();
    });
    void this.request('rate', { linesPerSec });
  }

  get pid(): number {
    return this.child.pid!;
  }

  request<T = unknown>(op: string, args: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, op, ...args });
    });
  }

  open(stream: string, file: string): Promise<void> {
    return this.request('open', { stream, path: file });
  }

  /** `mv` the stream's file to `to`; the writer keeps its old descriptor for `lingerMs`, then reopens. */
  rename(stream: string, to: string, lingerMs = 50): Promise<void> {
    return this.request('rename', { stream, to, lingerMs });
  }

  unlink(stream: string, lingerMs = 50): Promise<void> {
    return this.request('unlink', { stream, lingerMs });
  }

  /** Copies the file to `to` and truncates it, `gapMs` apart; the seqs written in between (lost to both). */
  copytruncate(stream: string, to: string, gapMs = 0): Promise<{ from: number; to: number }> {
    return this.request('copytruncate', { stream, to, gapMs });
  }

  /** On SIGHUP the writer reopens its files, then writes `file`. */
  ackFile(file: string): Promise<void> {
    return this.request('ackFile', { path: file });
  }

  summary(): Promise<WriterSummary> {
    return this.request('summary');
  }

  /** Stops writing (the process stays until `kill`): what was written. */
  stop(): Promise<WriterSummary> {
    return this.request('stop');
  }

  kill(): void {
    if (this.child.connected) this.child.disconnect();
    this.child.kill();
  }
}

export interface OutRecord {
  f: string;
  seq: number;
  g: number;
}

/** Parses NDJSON output, ignoring an incomplete last line. */
export function parseRecords(text: string): OutRecord[] {
  const end = text.lastIndexOf('\n');
  if (end < 0) return [];
  return text
    .slice(0, end)
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as OutRecord);
}

/** The query every follow test runs. */
export const QUERY = 'json | select f, seq, g';

/** A running `fstream -f` whose stdout is collected. */
export class Follower {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(args: string[], env: Record<string, string> = {}) {
    this.child = spawn(process.execPath, [BIN, '-f', ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (b: Buffer) => (this.stdout += b.toString('utf8')));
    this.child.stderr!.on('data', (b: Buffer) => (this.stderr += b.toString('utf8')));
    this.exited = new Promise((resolve) => this.child.on('close', (code, signal) => resolve({ code, signal })));
  }

  records(): OutRecord[] {
    return parseRecords(this.stdout);
  }

  /** Stops it like Ctrl-C; resolves with its exit code. */
  async stop(): Promise<number | null> {
    this.child.kill('SIGINT');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    const { code } = await this.exited;
    clearTimeout(timer);
    return code;
  }

  kill(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.child.kill('SIGKILL');
    return this.exited;
  }
}

/** Polls `read()` until `done` holds for it; fails after `timeoutMs` with `describe()` of the last value. */
export async function until<T>(read: () => T, done: (v: T) => boolean, timeoutMs: number, describe: (v: T) => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = read();
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${describe(v)}`);
    await sleep(50);
  }
}

/** Polls until the output holds every seq the writer wrote (the generous deadline is for a busy machine). */
export function untilAll(read: () => OutRecord[], summary: WriterSummary, streams?: string[], timeoutMs = 30_000): Promise<OutRecord[]> {
  const opts = streams === undefined ? {} : { streams };
  return until(
    read,
    (recs) => check(recs, summary, opts).lost.length === 0,
    timeoutMs,
    (recs) => describeLoss(check(recs, summary, opts), summary),
  );
}

/** The verdict, with the generations (files) the lost lines were written to. */
export function describeLoss(v: Verdict, summary: WriterSummary): string {
  const gens: string[] = [];
  for (const [f, s] of Object.entries(summary.streams))
    for (const g of s.generations) {
      const seqs = v.lost.filter((k) => k.startsWith(`${f}:`)).map((k) => Number(k.slice(f.length + 1)));
      const n = seqs.filter((seq) => seq >= g.from && seq <= g.to).length;
      if (n > 0) gens.push(`${f}/${g.g} ${path.basename(g.path)} ${g.from}-${g.to}: ${n} lost`);
    }
  return `${report(v)}\n  generations with losses: ${gens.join('; ')}`;
}

/** Polls until the output holds the last seq of every stream (when lines may be lost before it). */
export function untilLast(read: () => OutRecord[], summary: WriterSummary, streams?: string[], timeoutMs = 30_000): Promise<OutRecord[]> {
  const done = (recs: OutRecord[]): boolean =>
    Object.entries(summary.streams).every(
      ([f, s]) => (streams !== undefined && !streams.includes(f)) || s.last === 0 || recs.some((r) => r.f === f && r.seq === s.last),
    );
  return until(read, done, timeoutMs, (recs) => report(check(recs, summary)));
}

/** Reads an output file (NDJSON) if it exists. */
export function readOut(file: string): OutRecord[] {
  return existsSync(file) ? parseRecords(readFileSync(file, 'utf8')) : [];
}

export interface Verdict {
  /** `stream:seq` written but not in the output. */
  lost: string[];
  /** `stream:seq` in the output more than once. */
  repeated: string[];
  /** `stream:seq` in the output but never written. */
  unknown: string[];
  /** Lines of one generation (one file's content) out of order: `stream/g: seq after seq`. */
  disorder: string[];
}

/**
 * Compares the output with what the writer wrote. Order is checked within a generation: its lines
 * are in one file in order, and a file's lines are handed on in order (lines of different files
 * may interleave). `splitGenerations` allows a generation's lines to be read from two files (a copy
 * and the original): then they must form at most two ascending runs.
 */
export function check(records: OutRecord[], summary: WriterSummary, opts: { splitGenerations?: boolean; streams?: string[] } = {}): Verdict {
  const only = opts.streams === undefined ? null : new Set(opts.streams);
  const seen = new Map<string, number>();
  const unknown: string[] = [];
  const byGen = new Map<string, number[]>();
  for (const r of records) {
    if (only !== null && !only.has(r.f)) continue;
    const key = `${r.f}:${r.seq}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
    const s = summary.streams[r.f];
    if (s === undefined || !Number.isInteger(r.seq) || r.seq < 1 || r.seq > s.last) unknown.push(key);
    const gk = `${r.f}/${r.g}`;
    let list = byGen.get(gk);
    if (list === undefined) byGen.set(gk, (list = []));
    list.push(r.seq);
  }
  const lost: string[] = [];
  for (const [f, s] of Object.entries(summary.streams))
    if (only === null || only.has(f)) for (let seq = 1; seq <= s.last; seq++) if (!seen.has(`${f}:${seq}`)) lost.push(`${f}:${seq}`);
  const repeated = [...seen].filter(([, n]) => n > 1).map(([k]) => k);
  const disorder: string[] = [];
  const allowed = opts.splitGenerations ? 2 : 1;
  for (const [gk, seqs] of byGen) {
    const runs = descendingLength(seqs);
    if (runs > allowed) disorder.push(`${gk}: needs ${runs} ascending runs (${firstDrop(seqs)})`);
  }
  return { lost, repeated, unknown, disorder };
}

/** The length of the longest strictly descending subsequence: how many ascending runs `xs` needs at least. */
function descendingLength(xs: number[]): number {
  // Patience sorting on the negated values: tails[i] is the smallest last element of a descending run of length i+1, negated.
  const tails: number[] = [];
  for (const x of xs) {
    const v = -x;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tails[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = v;
  }
  return tails.length;
}

function firstDrop(xs: number[]): string {
  for (let i = 1; i < xs.length; i++) if (xs[i]! <= xs[i - 1]!) return `${xs[i]} after ${xs[i - 1]}`;
  return '';
}

/** Runs of consecutive seqs, `a:1-5, a:9`: a short description of lost lines. */
export function ranges(keys: string[]): string {
  const byStream = new Map<string, number[]>();
  for (const k of keys) {
    const [f, seq] = k.split(':') as [string, string];
    let l = byStream.get(f);
    if (l === undefined) byStream.set(f, (l = []));
    l.push(Number(seq));
  }
  const out: string[] = [];
  for (const [f, seqs] of byStream) {
    seqs.sort((a, b) => a - b);
    for (let i = 0; i < seqs.length; ) {
      let j = i;
      while (j + 1 < seqs.length && seqs[j + 1] === seqs[j]! + 1) j++;
      out.push(i === j ? `${f}:${seqs[i]}` : `${f}:${seqs[i]}-${seqs[j]}`);
      i = j + 1;
    }
  }
  return out.join(', ');
}

export function report(v: Verdict): string {
  const part = (name: string, l: string[]): string => `${name} ${l.length}${l.length ? ` (${ranges(l).slice(0, 400)})` : ''}`;
  return [
    part('lost', v.lost),
    part('repeated', v.repeated),
    part('unknown', v.unknown),
    `disorder ${v.disorder.length} ${v.disorder.slice(0, 5).join('; ')}`,
  ].join('; ');
}

/** The verdict's report when nothing is lost, repeated, unknown or out of order. */
export const EXACT = report({ lost: [], repeated: [], unknown: [], disorder: [] });

/** Waits for fstream's first output: it has listed its inputs and found the files there at start. */
export async function started(f: Follower, timeoutMs = 20_000): Promise<void> {
  await until(
    () => f.records().length,
    (n) => n > 0,
    timeoutMs,
    () => `no output; stderr: ${f.stderr}`,
  );
}

/** logrotate's numbered shift in `dir`: `name.(keep-1)` → `name.keep` (the old one deleted), ..., `name.1` → `name.2`. */
export function shiftRotated(dir: string, name: string, keep: number): void {
  const at = (n: number): string => path.join(dir, `${name}.${n}`);
  if (existsSync(at(keep))) unlinkSync(at(keep));
  for (let n = keep - 1; n >= 1; n--) if (existsSync(at(n))) renameSync(at(n), at(n + 1));
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

#!/usr/bin/env node
// Live inputs: append → output latency, idle CPU and catch-up throughput of fstream following a
// file (`-f --from FILE`) or reading `tail -F FILE` on stdin. See bench/README.md ("Live inputs").
//
//   node bench/follow.mjs [--quick] [--rates 1000,20000] [--seconds 10] [--warmup 1] [--idle-seconds 5]
//                         [--size 1GB] [--seed 42] [-p default,1] [--modes baseline,stdin,follow]
//                         [--only latency,idle,catchup] [--runs N] [--out bench/results/follow-<ts>.json] [--bin PATH]
//   npm run bench -- follow [options]        (build, then this script)
import { execFileSync, spawn } from 'node:child_process';
import {
  appendFileSync,
  closeSync,
  createReadStream,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseSize } from './lib/size.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const GEN = join(HERE, 'gen.mjs');
const WRITER = join(HERE, 'follow-writer.mjs');
const NODE_FILTER = join(HERE, 'peers', 'node-filter-stdin.mjs');
const DATA_DIR = join(HERE, 'data');
const LIVE_DIR = join(DATA_DIR, 'follow'); // the files appended to while fstream reads them (scratch)
const RESULTS_DIR = join(HERE, 'results');
const MiB = 1024 * 1024;

const LATENCY_QUERY = 'json | where status >= 500 | select seq, t_ns';
const CATCHUP_QUERY = 'json | where status >= 500 | select route, status';
const END_ROUTE = '/bench/follow/end-of-file';
const TARGETS = { p50Ms: 10, p99Ms: 50, idleCpuPct: 1, catchupRatio: 1.1 };
/** How fstream says that follow mode does not exist yet (exit 2). */
const FOLLOW_UNAVAILABLE = /--follow is not available/;

const HELP = `usage: node bench/follow.mjs [options]   (npm run bench -- follow [options])

  --quick               smoke run: --seconds 3 --warmup 0.5 --idle-seconds 2 --size 50MB
  --rates a,b           append rates in lines/s (default 1000,20000)
  --seconds N           measured seconds per rate (default 10)
  --warmup N            seconds appended before the measured ones, not counted (default 1)
  --idle-seconds N      idle CPU measured over N seconds (default 5)
  --size N[KB|MB|GB]    size of the catch-up file (binary units, default 1GB)
  --seed N              generator seed of the catch-up file (default 42)
  -p, --parallelism a,b fstream's -p values; "default" = no -p (default: default,1)
  --modes a,b           baseline (tail -F FILE | plain Node filter, latency only), stdin (tail -F FILE |
                        fstream), follow (fstream -f --from FILE); default all three
  --only a,b            a subset of: latency, idle, catchup
  --runs N              catch-up runs per mode, median reported (default 3 below 256MB, else 1)
  --out PATH            JSON results (default bench/results/follow-<timestamp>.json)
  --bin PATH            the fstream launcher to measure (default bin/fstream of this checkout)
`;

let opt;
try {
  ({ values: opt } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      rates: { type: 'string' },
      seconds: { type: 'string' },
      warmup: { type: 'string' },
      'idle-seconds': { type: 'string' },
      size: { type: 'string' },
      seed: { type: 'string' },
      parallelism: { type: 'string', short: 'p' },
      modes: { type: 'string' },
      only: { type: 'string' },
      runs: { type: 'string' },
      out: { type: 'string' },
      bin: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (err) {
  fail(`${err.message}\n\n${HELP}`);
}
if (opt.help) {
  process.stdout.write(HELP);
  process.exit(0);
}

function fail(msg) {
  process.stderr.write(`bench follow: ${msg}\n`);
  process.exit(2);
}
const log = (msg) => process.stderr.write(`${msg}\n`);

// ---------------------------------------------------------------------------------------------
// Options

function positive(name, s) {
  const n = Number(s);
  if (!(n > 0) || !Number.isFinite(n)) fail(`bad ${name} ${s}`);
  return n;
}
function list(name, s, allowed) {
  const xs = s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  const bad = allowed ? xs.filter((x) => !allowed.includes(x)) : [];
  if (!xs.length || bad.length) fail(`bad ${name} ${s}${allowed ? ` (of: ${allowed.join(', ')})` : ''}`);
  return xs;
}

const quick = opt.quick;
const rates = list('--rates', opt.rates ?? '1000,20000').map((r) => positive('--rates', r));
const seconds = positive('--seconds', opt.seconds ?? (quick ? '3' : '10'));
const warmup = opt.warmup !== undefined ? Number(opt.warmup) : quick ? 0.5 : 1;
if (!(warmup >= 0)) fail(`bad --warmup ${opt.warmup}`);
const idleSeconds = positive('--idle-seconds', opt['idle-seconds'] ?? (quick ? '2' : '5'));
const size = parseSize(opt.size ?? (quick ? '50MB' : '1GB'), fail, '50MB, 1GB');
const seed = opt.seed ?? '42';
if (!/^-?\d+$/.test(seed)) fail(`bad --seed ${seed}`);
const parallelisms = list('--parallelism', opt.parallelism ?? 'default,1').map((p) => {
  if (p === 'default') return 'default';
  const n = Number(p);
  if (!Number.isInteger(n) || n < 1) fail(`bad --parallelism ${p} (a number or "default")`);
  return n;
});
const modes = list('--modes', opt.modes ?? 'baseline,stdin,follow', ['baseline', 'stdin', 'follow']);
const sections = list('--only', opt.only ?? 'latency,idle,catchup', ['latency', 'idle', 'catchup']);
const runs = opt.runs !== undefined ? Math.round(positive('--runs', opt.runs)) : size.bytes < 256 * MiB ? 3 : 1;
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const outPath = resolve(opt.out ?? join(RESULTS_DIR, `follow-${stamp}.json`));

const FSTREAM = resolve(opt.bin ?? join(ROOT, 'bin', 'fstream'));
if (opt.bin === undefined && !existsSync(join(ROOT, 'dist', 'cli.js')))
  fail('dist/cli.js is missing: run `npm run build` first (or `npm run bench -- follow`)');
if (!existsSync(FSTREAM)) fail(`--bin ${opt.bin}: no such file`);
if (!existsSync('/proc/self/stat')) fail('needs Linux /proc (CPU times of the child processes)');

// ---------------------------------------------------------------------------------------------
// Clocks and CPU times

/** CLOCK_MONOTONIC in ns as a double: the clock the writer stamps lines with (`t_ns`). */
const nowNs = () => Number(process.hrtime.bigint());
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let clockTicks = 100;
try {
  clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {
  /* 100 on every Linux we run on */
}

/** Fields of /proc/PID/stat after the command name: [0] is field 3 (state). */
function statFields(pid) {
  const s = readFileSync(`/proc/${pid}/stat`, 'latin1');
  return s.slice(s.lastIndexOf(')') + 2).split(' ');
}
/**
 * user + system CPU seconds of a running process, all its threads (worker threads included: the
 * process-wide line sums its threads), and its thread count. null when it is gone.
 */
function procCpu(pid) {
  try {
    const f = statFields(pid);
    return { seconds: (Number(f[11]) + Number(f[12])) / clockTicks, threads: Number(f[17]) };
  } catch {
    return null;
  }
}
/** CPU seconds of this process's children that have exited and been waited for (cutime + cstime). */
function reapedChildrenCpu() {
  const f = statFields('self');
  return (Number(f[13]) + Number(f[14])) / clockTicks;
}

// ---------------------------------------------------------------------------------------------
// Child processes

const live = new Set();
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    for (const c of live) c.kill('SIGKILL');
    process.stderr.write('\nbench follow: interrupted\n');
    process.exit(130);
  });
}

function track(child) {
  live.add(child);
  child.on('close', () => live.delete(child));
  return child;
}

/**
 * Starts fstream (or another Node `script`) with `args`. Every complete stdout line goes to `onLine(text, arrivalNs)`, the
 * arrival time taken once per chunk, as soon as it is read.
 */
function startFstream(args, { stdin = 'ignore', onLine, script = FSTREAM }) {
  const t0 = nowNs();
  const child = track(spawn(process.execPath, [script, ...args], { stdio: [stdin, 'pipe', 'pipe'] }));
  const p = { child, t0, stderr: '', exit: null, done: null };
  let carry = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    const at = nowNs();
    const text = carry + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      onLine(text.slice(start, nl), at);
      start = nl + 1;
    }
    carry = text.slice(start);
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => {
    p.stderr += d;
    if (p.stderr.length > 1 << 16) p.stderr = p.stderr.slice(-(1 << 15));
  });
  p.done = new Promise((done) => {
    child.on('error', (err) => {
      p.stderr += String(err.message);
      p.exit ??= { code: 127, signal: null, at: nowNs() };
      done(p.exit);
    });
    child.on('close', (code, signal) => {
      if (carry) onLine(carry, nowNs());
      carry = '';
      p.exit ??= { code, signal, at: nowNs() };
      done(p.exit);
    });
  });
  return p;
}

/** Asks fstream to stop with `signal` (SIGINT: its own graceful stop), waits for it; SIGKILL after `graceMs`. */
async function stop(p, signal, graceMs = 10_000) {
  if (!p.exit) p.child.kill(signal);
  const timer = setTimeout(() => p.child.kill('SIGKILL'), graceMs);
  await p.done;
  clearTimeout(timer);
  return p.exit;
}

/** Waits for fstream to end on its own (its input was closed); SIGINT after `graceMs`. */
async function awaitEnd(p, graceMs = 10_000) {
  const timer = setTimeout(() => stop(p, 'SIGINT'), graceMs);
  await p.done;
  clearTimeout(timer);
  return p.exit;
}

const stderrTail = (s) => s.trim().split('\n').slice(-3).join(' | ');

/** Why fstream ended before it was ready: follow mode missing, or a failure. */
function earlyExit(p) {
  const unavailable = p.exit.code === 2 && FOLLOW_UNAVAILABLE.test(p.stderr);
  const error = p.stderr.split('\n').find((l) => l.startsWith('error:')) ?? stderrTail(p.stderr);
  return {
    status: unavailable ? 'unavailable' : 'failed',
    code: p.exit.code,
    signal: p.exit.signal,
    message: `fstream exited ${p.exit.code ?? p.exit.signal}: ${error}`,
  };
}

/** The table cells of a measurement that did not happen, and its reason once below the table. */
function notDone(r, label, cells, notes) {
  const note = `${label}: ${r.status.toUpperCase()} (${r.message})`;
  if (!notes.includes(note)) notes.push(note);
  return [r.status.toUpperCase(), ...Array(cells - 1).fill('-')];
}

/**
 * Sends probe lines (seq -1) with `probe()` every 200 ms until fstream echoes one: then the whole
 * chain (tail, fstream's start-up, its workers) is up and the timed part can begin.
 */
async function waitReady(p, state, probe, timeoutMs = 30_000) {
  const t0 = Date.now();
  while (!state.probeSeen) {
    if (p.exit) return 'exited';
    if (Date.now() - t0 > timeoutMs) return 'timeout';
    probe();
    await Promise.race([sleep(200), p.done]);
  }
  return 'ready';
}
const probeLine = () => `{"ts":"${new Date().toISOString()}","seq":-1,"t_ns":${process.hrtime.bigint()},"status":500}\n`;

function freshFile(name) {
  mkdirSync(LIVE_DIR, { recursive: true });
  const path = join(LIVE_DIR, name);
  rmSync(path, { force: true });
  writeFileSync(path, '');
  return path;
}

const pArgsOf = (p) => (p === 'default' ? [] : ['-p', String(p)]);

function runWriter(file, rate, secs) {
  return new Promise((done, reject) => {
    const child = track(
      spawn(process.execPath, [WRITER, '--file', file, '--rate', String(rate), '--seconds', String(secs)], { stdio: ['ignore', 'pipe', 'pipe'] }),
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`bench/follow-writer.mjs exited ${code}: ${err.trim()}`));
      else done(JSON.parse(out));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// 1. Append → output latency

const quantile = (sorted, q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] : null);
/** Lines the query keeps: the writer gives status 200 to seq % 4 == 3 (bench/follow-writer.mjs). */
const kept = (seq) => (seq & 3) !== 3;

async function latencyRun(mode, p, rate) {
  const file = freshFile('latency.ndjson');
  const total = Math.round(rate * (warmup + seconds));
  const warmLines = Math.round(rate * warmup);
  const seen = new Uint8Array(total);
  const latencies = [];
  const state = { probeSeen: false, lines: 0, distinct: 0, bad: 0, unexpected: 0, outOfRange: 0, lastArrival: 0 };
  const onLine = (text, at) => {
    let r;
    try {
      r = JSON.parse(text);
    } catch {
      state.bad++;
      return;
    }
    if (r.seq < 0) {
      state.probeSeen = true;
      return;
    }
    state.lines++;
    state.lastArrival = at;
    if (!Number.isInteger(r.seq) || r.seq >= total) {
      state.outOfRange++;
      return;
    }
    if (seen[r.seq] < 255) seen[r.seq]++;
    if (seen[r.seq] === 1 && kept(r.seq)) state.distinct++;
    if (!kept(r.seq)) state.unexpected++;
    if (r.seq >= warmLines && seen[r.seq] === 1) latencies.push((at - r.t_ns) / 1e6);
  };

  let tail = null;
  let fs;
  const query = ['-o', 'ndjson', ...pArgsOf(p), LATENCY_QUERY];
  if (mode === 'stdin' || mode === 'baseline') {
    tail = track(spawn('tail', ['-n', '+1', '-F', file], { stdio: ['ignore', 'pipe', 'ignore'] }));
    fs = mode === 'stdin' ? startFstream(query, { stdin: tail.stdout, onLine }) : startFstream([], { stdin: tail.stdout, onLine, script: NODE_FILTER });
    tail.stdout.destroy(); // the reader holds the read end now
  } else {
    fs = startFstream(['-f', '--from', file, ...query], { onLine });
  }
  const stopAll = async () => {
    if (tail) {
      tail.kill('SIGTERM'); // fstream sees the end of its input and exits
      return awaitEnd(fs);
    }
    return stop(fs, 'SIGINT');
  };
  const readiness = await waitReady(fs, state, () => appendFileSync(file, probeLine()));
  if (readiness !== 'ready') {
    if (readiness === 'timeout') await stopAll();
    else tail?.kill('SIGTERM');
    return readiness === 'timeout' ? { status: 'failed', message: 'no output 30 s after start' } : earlyExit(fs);
  }

  const cpu0 = procCpu(fs.child.pid);
  const tailCpu0 = tail ? procCpu(tail.pid) : null;
  const w0 = nowNs();
  const writer = await runWriter(file, rate, warmup + seconds);
  const w1 = nowNs();
  const cpu1 = procCpu(fs.child.pid);
  const tailCpu1 = tail ? procCpu(tail.pid) : null;
  // Drain: until every kept line has arrived, or nothing arrived for 3 s.
  const expectedCount = countKept(total);
  for (;;) {
    if (state.distinct >= expectedCount || fs.exit) break;
    if (nowNs() - Math.max(state.lastArrival, w1) > 3e9) break;
    await sleep(20);
  }
  const exit = await stopAll();

  let lost = 0;
  let repeated = 0;
  for (let seq = 0; seq < total; seq++) {
    if (kept(seq) && seen[seq] === 0) lost++;
    if (seen[seq] > 1) repeated += seen[seq] - 1;
  }
  const sorted = Float64Array.from(latencies).sort();
  const windowS = (w1 - w0) / 1e9;
  const cpuS = cpu0 && cpu1 ? cpu1.seconds - cpu0.seconds : null;
  const problems = [];
  if (lost) problems.push(`${lost} line(s) lost`);
  if (repeated) problems.push(`${repeated} line(s) repeated`);
  if (state.unexpected) problems.push(`${state.unexpected} line(s) that the filter should have dropped`);
  if (state.bad || state.outOfRange) problems.push(`${state.bad + state.outOfRange} output line(s) that are not the writer's`);
  if (exit.code !== 0) problems.push(`fstream exited ${exit.code ?? exit.signal} when stopped: ${stderrTail(fs.stderr)}`);
  return {
    status: problems.length ? 'bad' : 'ok',
    writer: { ...writer, seconds: round(writer.seconds, 3), rate: round(writer.rate, 1), maxTickGapMs: round(writer.maxTickGapMs, 2) },
    linesWritten: total,
    warmupLines: warmLines,
    outputLines: state.lines,
    expectedOutputLines: expectedCount,
    measuredLines: sorted.length,
    p50Ms: round(quantile(sorted, 0.5), 3),
    p90Ms: round(quantile(sorted, 0.9), 3),
    p99Ms: round(quantile(sorted, 0.99), 3),
    maxMs: round(sorted.length ? sorted[sorted.length - 1] : null, 3),
    lost,
    repeated,
    unexpected: state.unexpected,
    cpuSeconds: round(cpuS, 2), // the process reading the input: fstream, or the node baseline
    cpuPct: cpuS !== null ? round((100 * cpuS) / windowS, 1) : null,
    tailCpuSeconds: tailCpu0 && tailCpu1 ? round(tailCpu1.seconds - tailCpu0.seconds, 2) : null,
    windowSeconds: round(windowS, 3),
    exit: { code: exit.code, signal: exit.signal },
    problems,
  };
}

function countKept(total) {
  let n = 0;
  for (let seq = 0; seq < total; seq++) if (kept(seq)) n++;
  return n;
}

// ---------------------------------------------------------------------------------------------
// 2. Idle CPU

async function idleRun(mode, p) {
  const state = { probeSeen: false, lines: 0 };
  const onLine = (text) => {
    if (text.includes('"seq":-1')) state.probeSeen = true;
    else state.lines++;
  };
  const query = ['-o', 'ndjson', ...pArgsOf(p), LATENCY_QUERY];
  let fs;
  let probe;
  if (mode === 'stdin') {
    fs = startFstream(query, { stdin: 'pipe', onLine });
    probe = () => fs.child.stdin.write(probeLine());
    fs.child.stdin.on('error', () => {}); // EPIPE when fstream is gone: reported through its exit
  } else {
    const file = freshFile('idle.ndjson');
    fs = startFstream(['-f', '--from', file, ...query], { onLine });
    probe = () => appendFileSync(file, probeLine());
  }
  const stopIt = () => {
    if (mode === 'follow') return stop(fs, 'SIGINT');
    fs.child.stdin.end(); // end of input: fstream finishes on its own
    return awaitEnd(fs);
  };
  const readiness = await waitReady(fs, state, probe);
  if (readiness !== 'ready') {
    if (readiness === 'timeout') {
      await stopIt();
      return { status: 'failed', message: 'no output 30 s after start' };
    }
    return earlyExit(fs);
  }
  await sleep(500); // let the probe's work (and start-up's garbage) settle
  const c0 = procCpu(fs.child.pid);
  const t0 = nowNs();
  await sleep(idleSeconds * 1000);
  const c1 = procCpu(fs.child.pid);
  const t1 = nowNs();
  const exit = await stopIt();
  if (!c0 || !c1) return { status: 'failed', message: `fstream exited while idle: ${stderrTail(fs.stderr)}`, exit };
  const cpuS = c1.seconds - c0.seconds;
  const wall = (t1 - t0) / 1e9;
  return {
    status: 'ok',
    wallSeconds: round(wall, 3),
    cpuSeconds: round(cpuS, 3),
    cpuPct: round((100 * cpuS) / wall, 2),
    resolutionPct: round((100 / clockTicks / wall) * 1, 2), // one clock tick over the window
    threads: c1.threads,
    exit: { code: exit.code, signal: exit.signal },
  };
}

// ---------------------------------------------------------------------------------------------
// 3. Catch-up throughput

/** gen.mjs data plus one last line that passes the filter and marks the end of the file. */
async function ensureCatchupFile() {
  const path = join(DATA_DIR, `follow-catchup-${size.label}-${seed}.ndjson`);
  if (!existsSync(path)) {
    mkdirSync(DATA_DIR, { recursive: true });
    const partial = `${path}.partial`;
    log(`bench follow: generating ${relative(ROOT, path)} (${size.label}, seed ${seed}) ...`);
    const t0 = performance.now();
    await new Promise((done, reject) => {
      const child = track(spawn(process.execPath, [GEN, '--size', size.label, '--seed', seed, '--out', partial], { stdio: 'inherit' }));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? done() : reject(new Error(`bench/gen.mjs exited ${code}`))));
    });
    appendFileSync(
      partial,
      `{"ts":"2026-03-02T00:00:00.000Z","host":"bench","route":"${END_ROUTE}","method":"GET","status":599,"latency_ms":0,"bytes":0,"user":"u0","ua":"bench"}\n`,
    );
    renameSync(partial, path);
    log(`bench follow: generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  return { path, bytes: statSync(path).size, lines: countLines(path) };
}

function countLines(path) {
  const fd = openSync(path, 'r');
  const buf = Buffer.allocUnsafe(8 * MiB);
  let lines = 0;
  for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; ) {
    for (let i = buf.indexOf(10); i !== -1 && i < n; i = buf.indexOf(10, i + 1)) lines++;
  }
  closeSync(fd);
  return lines;
}

/** Reads the file once so that both runs find it in the page cache. */
function warmCache(path) {
  return new Promise((done, reject) => {
    const s = createReadStream(path, { highWaterMark: 4 * MiB });
    s.on('data', () => {});
    s.on('end', done);
    s.on('error', reject);
  });
}

/** `fstream --from FILE QUERY` to its exit: wall time, and CPU from this process's cutime/cstime. */
async function catchupBounded(file, p) {
  const state = { lines: 0, markers: 0 };
  const cpu0 = reapedChildrenCpu();
  const fs = startFstream(['--from', file, '-o', 'ndjson', ...pArgsOf(p), CATCHUP_QUERY], {
    onLine: (text) => {
      state.lines++;
      if (text.includes(END_ROUTE)) state.markers++;
    },
  });
  const exit = await fs.done;
  return {
    wallSeconds: (exit.at - fs.t0) / 1e9,
    cpuSeconds: reapedChildrenCpu() - cpu0,
    outputLines: state.lines,
    markers: state.markers,
    code: exit.code,
    stderr: stderrTail(fs.stderr),
  };
}

/**
 * `fstream -f --from FILE QUERY`, timed from spawn until the end marker is printed; its CPU read
 * from /proc at that moment. Then SIGINT.
 */
async function catchupFollow(file, p, timeoutMs) {
  const state = { lines: 0, markers: 0, after: 0, at: null, cpu: null };
  let fs;
  let onMarker;
  const marker = new Promise((r) => (onMarker = r));
  fs = startFstream(['-f', '--from', file, '-o', 'ndjson', ...pArgsOf(p), CATCHUP_QUERY], {
    onLine: (text, at) => {
      if (state.at !== null) {
        state.after++;
        if (text.includes(END_ROUTE)) state.markers++;
        return;
      }
      state.lines++;
      if (text.includes(END_ROUTE)) {
        state.markers++;
        state.at = at;
        state.cpu = procCpu(fs.child.pid);
        onMarker();
      }
    },
  });
  const cpuReaped0 = reapedChildrenCpu();
  const outcome = await Promise.race([marker.then(() => 'marker'), fs.done.then(() => 'exited'), sleep(timeoutMs).then(() => 'timeout')]);
  if (outcome === 'exited' && state.at === null) return earlyExit(fs);
  await sleep(200); // anything after the marker would be a repeat
  const endedByItself = fs.exit !== null; // follow mode must not stop at the end of the file
  const exit = await stop(fs, 'SIGINT');
  if (outcome === 'timeout') {
    const hint = state.lines === 0 ? '; does follow mode start at the end of the file?' : '';
    return { status: 'failed', message: `no end marker after ${timeoutMs / 1000} s (${state.lines} lines out${hint})` };
  }
  return {
    status: 'ok',
    wallSeconds: (state.at - fs.t0) / 1e9,
    cpuSeconds: state.cpu?.seconds ?? null,
    cpuSecondsWithShutdown: reapedChildrenCpu() - cpuReaped0,
    outputLines: state.lines,
    linesAfterMarker: state.after,
    markers: state.markers,
    endedByItself,
    exit: { code: exit.code, signal: exit.signal },
    stderr: stderrTail(fs.stderr),
  };
}

const median = (xs) => {
  const s = xs.filter((x) => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

async function catchup(data, p) {
  const bounded = [];
  const follow = [];
  let followStatus = modes.includes('follow') ? null : { status: 'skipped', message: '--modes without follow' };
  for (let i = 0; i < runs; i++) {
    // Alternating, as bench/compare.mjs does: a slow spell of the machine hits both.
    const order = i % 2 === 0 ? ['bounded', 'follow'] : ['follow', 'bounded'];
    for (const which of order) {
      if (which === 'bounded') {
        log(`bench follow: catch-up -p ${p}: bounded run ${i + 1}/${runs} ...`);
        bounded.push(await catchupBounded(data.path, p));
      } else if (!followStatus) {
        log(`bench follow: catch-up -p ${p}: follow run ${i + 1}/${runs} ...`);
        const limit = Math.max(60_000, 5_000 * (bounded.at(-1)?.wallSeconds ?? 60));
        const r = await catchupFollow(data.path, p, limit);
        if (r.status !== 'ok') followStatus = r;
        else follow.push(r);
      }
    }
  }
  const problems = [];
  for (const b of bounded) {
    if (b.code !== 0) problems.push(`bounded run exited ${b.code}: ${b.stderr}`);
    else if (b.markers !== 1) problems.push(`bounded run printed the end marker ${b.markers} times`);
  }
  const boundedLines = bounded.find((b) => b.code === 0)?.outputLines ?? null;
  for (const f of follow) {
    if (f.markers !== 1) problems.push(`follow run printed the end marker ${f.markers} times`);
    if (boundedLines !== null && f.outputLines !== boundedLines)
      problems.push(`follow run printed ${f.outputLines} lines up to the marker, bounded ${boundedLines}`);
    if (f.linesAfterMarker) problems.push(`follow run printed ${f.linesAfterMarker} lines after the marker`);
    if (f.endedByItself) problems.push('follow run exited by itself at the end of the file');
    else if (f.exit.code !== 0) problems.push(`follow run exited ${f.exit.code ?? f.exit.signal} on SIGINT: ${f.stderr}`);
  }
  if (new Set(bounded.map((b) => b.outputLines)).size > 1)
    problems.push(`bounded runs differ in output lines: ${bounded.map((b) => b.outputLines).join(', ')}`);
  if (followStatus?.status === 'failed') problems.push(`follow: ${followStatus.message}`);
  const b = {
    wall: median(bounded.map((x) => x.wallSeconds)),
    cpu: median(bounded.map((x) => x.cpuSeconds)),
    cpuMin: Math.min(...bounded.map((x) => x.cpuSeconds)),
  };
  const f = follow.length
    ? { wall: median(follow.map((x) => x.wallSeconds)), cpu: median(follow.map((x) => x.cpuSeconds)), cpuMin: Math.min(...follow.map((x) => x.cpuSeconds)) }
    : null;
  const mb = data.bytes / MiB;
  return {
    parallelism: p,
    bounded: {
      wallSeconds: round(b.wall, 3),
      cpuSeconds: round(b.cpu, 2),
      mbPerSec: b.wall ? round(mb / b.wall, 1) : null,
      runs: bounded.map((x) => ({ wallSeconds: round(x.wallSeconds, 3), cpuSeconds: round(x.cpuSeconds, 2), outputLines: x.outputLines, code: x.code })),
    },
    follow: f
      ? {
          status: 'ok',
          wallSeconds: round(f.wall, 3),
          cpuSeconds: round(f.cpu, 2),
          mbPerSec: f.wall ? round(mb / f.wall, 1) : null,
          runs: follow.map((x) => ({
            wallSeconds: round(x.wallSeconds, 3),
            cpuSeconds: round(x.cpuSeconds, 2),
            cpuSecondsWithShutdown: round(x.cpuSecondsWithShutdown, 2),
            outputLines: x.outputLines,
            linesAfterMarker: x.linesAfterMarker,
          })),
        }
      : followStatus,
    ratio: f && b.wall ? { wall: round(f.wall / b.wall, 3), cpu: round(f.cpu / b.cpu, 3), cpuMin: round(f.cpuMin / b.cpuMin, 3) } : null,
    outputLines: boundedLines,
    problems,
  };
}

// ---------------------------------------------------------------------------------------------
// Formatting

function round(x, digits) {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
const fmt = (x, digits) => (x === null || x === undefined || !Number.isFinite(x) ? '-' : x.toFixed(digits));
function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
const modeLabel = { baseline: 'baseline: tail -F | node', stdin: 'stdin: tail -F | fstream', follow: 'follow: fstream -f --from' };
/** fstream's default -p: the cores, at most 8 (src/engine/runtime/parallelism.ts). */
const pLabel = (p) => (p === 'default' ? `default (${Math.max(1, Math.min(8, os.availableParallelism()))})` : String(p));
const verdict = (ok) => (ok ? 'ok' : 'MISS');

// ---------------------------------------------------------------------------------------------
// Main

const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memGiB: round(os.totalmem() / 1024 ** 3, 1),
  node: process.version,
  platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  clockTicks,
  loadAvgAtStart: os.loadavg().map((x) => round(x, 2)),
};
log(`bench follow: ${machine.cpu}, ${machine.cores} cores, node ${machine.node}; modes ${modes.join(', ')}; -p ${parallelisms.join(', ')}`);

const problems = [];
const latency = [];
if (sections.includes('latency')) {
  // Rate by rate, so that the baseline and fstream's modes at one rate run close in time.
  const unavailable = new Set();
  for (const rate of rates) {
    for (const mode of modes) {
      for (const p of mode === 'baseline' ? ['-'] : parallelisms) {
        if (unavailable.has(`${mode} ${p}`)) continue;
        log(`bench follow: latency ${mode}${mode === 'baseline' ? '' : ` -p ${p}`} at ${rate} lines/s for ${warmup} + ${seconds} s ...`);
        const r = await latencyRun(mode, p, rate);
        latency.push({ mode, parallelism: p, rate, ...r });
        for (const x of r.problems ?? []) problems.push(`latency ${mode} -p ${p} ${rate}/s: ${x}`);
        if (r.status === 'failed') problems.push(`latency ${mode} -p ${p} ${rate}/s: ${r.message}`);
        if (r.status === 'unavailable') {
          log(`bench follow: ${mode} mode unavailable: ${r.message}`);
          unavailable.add(`${mode} ${p}`);
        }
      }
    }
  }
}

const idle = [];
if (sections.includes('idle')) {
  for (const mode of modes.filter((m) => m !== 'baseline')) {
    for (const p of parallelisms) {
      log(`bench follow: idle CPU ${mode} -p ${p} for ${idleSeconds} s ...`);
      const r = await idleRun(mode, p);
      idle.push({ mode: mode === 'stdin' ? 'stdin' : 'follow', input: mode === 'stdin' ? 'quiet stdin pipe' : 'quiet file', parallelism: p, ...r });
      if (r.status === 'failed') problems.push(`idle ${mode} -p ${p}: ${r.message}`);
    }
  }
}

const catchups = [];
let data = null;
if (sections.includes('catchup')) {
  data = await ensureCatchupFile();
  log(`bench follow: catch-up file ${relative(ROOT, data.path)}: ${(data.bytes / MiB).toFixed(1)} MB, ${data.lines} lines; ${runs} run(s) each`);
  await warmCache(data.path);
  for (const p of parallelisms) {
    const r = await catchup(data, p);
    catchups.push(r);
    for (const x of r.problems) problems.push(`catch-up -p ${p}: ${x}`);
  }
}

machine.loadAvgAtEnd = os.loadavg().map((x) => round(x, 2));
const report = {
  createdAt: new Date().toISOString(),
  machine,
  settings: {
    bin: relative(ROOT, FSTREAM) || FSTREAM,
    quick,
    rates,
    seconds,
    warmupSeconds: warmup,
    idleSeconds,
    parallelism: parallelisms,
    modes,
    catchupRuns: runs,
    latencyQuery: LATENCY_QUERY,
    catchupQuery: CATCHUP_QUERY,
    clock: 'CLOCK_MONOTONIC (process.hrtime.bigint) in writer and reader',
    targets: TARGETS,
  },
  latency,
  idle,
  catchup: data ? { file: relative(ROOT, data.path), bytes: data.bytes, lines: data.lines, runs, results: catchups } : null,
  problems,
};
mkdirSync(dirname(outPath), { recursive: true });
writeFileSync(outPath, `${JSON.stringify(report, null, 2)}\n`);

const out = [''];
out.push(`${machine.cpu}, ${machine.cores} cores, node ${machine.node}, load ${machine.loadAvgAtStart.join(' ')} → ${machine.loadAvgAtEnd.join(' ')}`);
const latencyNotes = [];
const idleNotes = [];
if (latency.length) {
  out.push('');
  out.push(
    `append → output latency: \`${LATENCY_QUERY}\`, ${warmup} s warm-up + ${seconds} s measured per rate; targets p50 ≤ ${TARGETS.p50Ms} ms, p99 ≤ ${TARGETS.p99Ms} ms`,
  );
  out.push(
    table(
      ['mode', '-p', 'lines/s', 'measured', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'lost', 'repeated', 'CPU s', 'CPU %', 'writer gap ms', 'targets'],
      latency.map((r) =>
        r.status === 'unavailable' || r.status === 'failed'
          ? [modeLabel[r.mode], pLabel(r.parallelism), r.rate, ...notDone(r, r.mode, 11, latencyNotes)]
          : [
              modeLabel[r.mode],
              pLabel(r.parallelism),
              `${r.rate} (${fmt(r.writer.rate, 0)})`,
              r.measuredLines,
              fmt(r.p50Ms, 2),
              fmt(r.p90Ms, 2),
              fmt(r.p99Ms, 2),
              fmt(r.maxMs, 2),
              r.lost,
              r.repeated,
              fmt(r.cpuSeconds, 2),
              fmt(r.cpuPct, 1),
              fmt(r.writer.maxTickGapMs, 1),
              `p50 ${verdict(r.p50Ms <= TARGETS.p50Ms)}, p99 ${verdict(r.p99Ms <= TARGETS.p99Ms)}`,
            ],
      ),
    ),
  );
  for (const n of latencyNotes) out.push(`  ${n}`);
  out.push('lines/s: asked (achieved by the writer); measured: output lines after the warm-up');
  out.push("writer gap: the longest time between two of the writer's 1 ms ticks: how starved of CPU the machine was");
  out.push('CPU: of fstream (all threads) or of the node baseline, over the writing time; baseline: bench/peers/node-filter-stdin.mjs, one thread');
}
if (idle.length) {
  out.push('');
  out.push(`idle CPU: fstream reading an input nobody writes to, over ${idleSeconds} s; target < ${TARGETS.idleCpuPct}% of one core`);
  out.push(
    table(
      ['input', '-p', 'wall s', 'CPU s', 'CPU %', 'threads', 'target'],
      idle.map((r) =>
        r.status === 'ok'
          ? [
              `${r.mode}: ${r.input}`,
              pLabel(r.parallelism),
              fmt(r.wallSeconds, 2),
              fmt(r.cpuSeconds, 2),
              fmt(r.cpuPct, 2),
              r.threads,
              verdict(r.cpuPct < TARGETS.idleCpuPct),
            ]
          : [`${r.mode}: ${r.input}`, pLabel(r.parallelism), ...notDone(r, r.mode, 5, idleNotes)],
      ),
    ),
  );
  for (const n of idleNotes) out.push(`  ${n}`);
  out.push(`CPU: utime + stime of the process (all threads), /proc/PID/stat, ${clockTicks} ticks/s (1 tick = ${fmt(100 / clockTicks / idleSeconds, 2)}% here)`);
}
if (catchups.length) {
  out.push('');
  out.push(
    `catch-up: ${relative(ROOT, data.path)} (${(data.bytes / MiB).toFixed(1)} MB, ${data.lines} lines), \`${CATCHUP_QUERY}\`, median of ${runs}; follow = until its last line is printed`,
  );
  out.push(
    table(
      ['-p', 'bounded s', 'CPU s', 'MB/s', 'follow s', 'CPU s', 'MB/s', 'follow/bounded wall', 'CPU', 'min CPU', 'output lines'],
      catchups.map((r) => {
        const f = r.follow?.status === 'ok' ? r.follow : null;
        return [
          pLabel(r.parallelism),
          fmt(r.bounded.wallSeconds, 2),
          fmt(r.bounded.cpuSeconds, 2),
          fmt(r.bounded.mbPerSec, 1),
          f ? fmt(f.wallSeconds, 2) : (r.follow?.status ?? '-').toUpperCase(),
          f ? fmt(f.cpuSeconds, 2) : '-',
          f ? fmt(f.mbPerSec, 1) : '-',
          r.ratio ? `${fmt(r.ratio.wall, 3)} ${verdict(r.ratio.wall <= TARGETS.catchupRatio)}` : '-',
          r.ratio ? fmt(r.ratio.cpu, 3) : '-',
          r.ratio ? fmt(r.ratio.cpuMin, 3) : '-',
          r.outputLines ?? '-',
        ];
      }),
    ),
  );
  const notes = [];
  for (const r of catchups) if (r.follow && r.follow.status !== 'ok' && r.follow.message) notDone(r.follow, 'follow', 1, notes);
  for (const n of notes) out.push(`  ${n}`);
  out.push('CPU: user + sys of fstream, all threads (bounded: at exit; follow: when the last line is printed)');
}
if (problems.length) {
  out.push('');
  out.push('PROBLEMS:');
  for (const p of problems) out.push(`  - ${p}`);
}
out.push('');
out.push(`results: ${relative(process.cwd(), outPath)}`);
process.stdout.write(`${out.join('\n')}\n`);
process.exit(problems.length ? 1 : 0);

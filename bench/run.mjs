#!/usr/bin/env node
// fstream benchmark runner (`npm run bench` = build + this script). See bench/README.md.
//
//   node bench/run.mjs [--size 200MB] [--data PATH] [--seed 42] [-p N] [--scenarios a,b]
//                      [--runs N] [--peers] [--duckdb-threads 2] [--out bench/results/<ts>.json]
//   node bench/run.mjs follow [options]     live inputs: bench/follow.mjs
//   node bench/run.mjs s3 [options]         S3 inputs: bench/s3.mjs
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { findScenario, scenarioNames, scenarios } from './scenarios.mjs';
import { parseSize } from './lib/size.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const FSTREAM = join(ROOT, 'bin', 'fstream');
const GEN = join(HERE, 'gen.mjs');
const NODE_BASELINE = join(HERE, 'peers', 'node-baseline.mjs');
const DUCKDB_RUNNER = join(HERE, 'peers', 'duckdb.mjs');
const DATA_DIR = join(HERE, 'data');
const OUT_DIR = join(DATA_DIR, 'out'); // scenario outputs of the last run (scratch, git-ignored)
const RESULTS_DIR = join(HERE, 'results');
const PEERS_DIR = join(HERE, '.peers');
/** Checked by hand: no `engines` field, N-API prebuilt binaries, works on Node 20.20. */
const DUCKDB_FALLBACK_VERSION = '1.5.6-r.1';
const MiB = 1024 * 1024;
/** Below this file size every measurement is repeated (median of --runs, default 3). */
const SMALL_FILE = 256 * MiB;

const HELP = `usage: node bench/run.mjs [options]   (npm run bench -- [options])
       node bench/run.mjs follow [options]   (npm run bench -- follow --help: live inputs)
       node bench/run.mjs s3 [options]       (npm run bench -- s3 --help: S3 inputs)
       node bench/run.mjs keys [options]     (high-cardinality keyed state: bench/keys.mjs)

  --size N[KB|MB|GB]   size of the generated data (binary units, default 200MB)
  --data PATH          use this NDJSON file instead of generating one
  --seed N             generator seed (default 42)
  -p, --parallelism N  passed to fstream (default: fstream's own default)
  --scenarios a,b      subset of: ${scenarioNames.join(', ')}
  --runs N             runs per measurement, median reported (default 3 below 256MB, else 1)
  --peers              also run the scenarios in DuckDB (@duckdb/node-api, installed on demand
                       into bench/.peers/) and compare results
  --duckdb-threads N   DuckDB's SET threads (default 2)
  --duckdb-version V   @duckdb/node-api version (default: latest that supports this Node)
  --out PATH           JSON results (default bench/results/<timestamp>.json)
`;

if (process.argv[2] === 'follow') {
  // `npm run bench -- follow ...`: latency, idle CPU and catch-up of live inputs (bench/follow.mjs).
  process.argv.splice(2, 1);
  await import('./follow.mjs'); // exits when done
  process.exit(process.exitCode ?? 0);
}
if (process.argv[2] === 'cold-start') {
  // `npm run bench -- cold-start`: `echo '{}' | fstream json` against `node -e 0` (bench/cold-start.mjs).
  process.argv.splice(2, 1);
  await import('./cold-start.mjs');
  process.exit(process.exitCode ?? 0);
}
if (process.argv[2] === 'keys') {
  // `npm run bench -- keys ...`: high-cardinality keyed state against DuckDB (bench/keys.mjs).
  process.argv.splice(2, 1);
  await import('./keys.mjs');
  process.exit(process.exitCode ?? 0);
}
if (process.argv[2] === 's3') {
  // `npm run bench -- s3 ...`: throughput, memory and start-up of s3:// inputs (bench/s3.mjs).
  process.argv.splice(2, 1);
  await import('./s3.mjs'); // exits when done
  process.exit(process.exitCode ?? 0);
}

let opt;
try {
  ({ values: opt } = parseArgs({
    options: {
      size: { type: 'string' },
      data: { type: 'string' },
      seed: { type: 'string' },
      parallelism: { type: 'string', short: 'p' },
      scenarios: { type: 'string' },
      runs: { type: 'string' },
      peers: { type: 'boolean', default: false },
      'duckdb-threads': { type: 'string', default: '2' },
      'duckdb-version': { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
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
  process.stderr.write(`bench: ${msg}\n`);
  process.exit(2);
}
const log = (msg) => process.stderr.write(`${msg}\n`);

// ---------------------------------------------------------------------------------------------
// Options

function positiveInt(name, s) {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1) fail(`bad ${name} ${s}`);
  return n;
}

const seed = opt.seed ?? '42';
if (!/^-?\d+$/.test(seed)) fail(`bad --seed ${seed}`);
const parallelism = opt.parallelism !== undefined ? positiveInt('--parallelism', opt.parallelism) : undefined;
const duckdbThreads = positiveInt('--duckdb-threads', opt['duckdb-threads']);
let selected = scenarios;
if (opt.scenarios !== undefined) {
  const names = opt.scenarios
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !findScenario(n));
  if (unknown.length) fail(`unknown scenario(s) ${unknown.join(', ')}; known: ${scenarioNames.join(', ')}`);
  selected = scenarios.filter((s) => names.includes(s.name));
}
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const outPath = resolve(opt.out ?? join(RESULTS_DIR, `${stamp}.json`));

if (!existsSync(join(ROOT, 'dist', 'cli.js'))) fail('dist/cli.js is missing: run `npm run build` first (or `npm run bench`)');

// ---------------------------------------------------------------------------------------------
// Data

async function ensureData() {
  if (opt.data !== undefined) {
    const path = resolve(opt.data);
    if (!existsSync(path)) fail(`--data ${opt.data}: no such file`);
    if (opt.size !== undefined) log(`bench: --data given, --size ${opt.size} ignored`);
    const m = /-(-?\d+)\.ndjson$/.exec(basename(path));
    return { path, seed: opt.seed !== undefined ? Number(seed) : m ? Number(m[1]) : null, generated: false };
  }
  const size = parseSize(opt.size ?? '200MB', fail);
  const path = join(DATA_DIR, `access-${size.label}-${seed}.ndjson`);
  if (existsSync(path)) return { path, seed: Number(seed), generated: false };
  mkdirSync(DATA_DIR, { recursive: true });
  const partial = `${path}.partial`;
  log(`bench: generating ${relative(ROOT, path)} (${size.label}, seed ${seed}) ...`);
  const t0 = performance.now();
  const r = await runChild(process.execPath, [GEN, '--size', size.label, '--seed', seed, '--out', partial], { poll: false });
  if (r.code !== 0) fail(`bench/gen.mjs failed (exit ${r.code}): ${r.stderr.trim()}`);
  renameSync(partial, path);
  log(`bench: generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { path, seed: Number(seed), generated: true };
}

/** Byte size and line count, cached next to the file (counting 1 GB takes ~0.5 s). */
function fileInfo(path) {
  const st = statSync(path);
  const metaPath = `${path}.meta.json`;
  try {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8'));
    if (meta.bytes === st.size && meta.mtimeMs === st.mtimeMs) return meta;
  } catch {
    /* count again */
  }
  const fd = openSync(path, 'r');
  const buf = Buffer.allocUnsafe(8 * MiB);
  let lines = 0;
  let last = 10;
  for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; ) {
    for (let i = buf.indexOf(10); i !== -1 && i < n; i = buf.indexOf(10, i + 1)) lines++;
    last = buf[n - 1];
  }
  closeSync(fd);
  if (last !== 10 && st.size > 0) lines++;
  const meta = { bytes: st.size, mtimeMs: st.mtimeMs, lines };
  try {
    writeFileSync(metaPath, JSON.stringify(meta));
  } catch {
    /* read-only: fine */
  }
  return meta;
}

// ---------------------------------------------------------------------------------------------
// Child processes: wall time and peak memory

function readHwmKb(pid) {
  try {
    const m = /VmHWM:\s+(\d+)\s*kB/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0; // gone, or no /proc
  }
}

/**
 * Runs a child to completion. stdout goes to the file `stdoutPath` (or is discarded, or captured
 * with `captureStdout`); stderr is captured. Peak RSS: the `fstream-stats {"maxRssKb":N}` stderr
 * line when the child prints one, else VmHWM polled from /proc every 50 ms.
 */
function runChild(cmd, args, { stdoutPath, captureStdout = false, env, poll = true } = {}) {
  return new Promise((resolveRun, reject) => {
    const outFd = stdoutPath ? openSync(stdoutPath, 'w') : undefined;
    const t0 = process.hrtime.bigint();
    let child;
    try {
      child = spawn(cmd, args, {
        stdio: ['ignore', captureStdout ? 'pipe' : (outFd ?? 'ignore'), 'pipe'],
        env: { ...process.env, ...env },
      });
    } catch (err) {
      if (outFd !== undefined) closeSync(outFd);
      reject(err);
      return;
    }
    let stderr = '';
    let stdout = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d) => {
      stderr += d;
      if (stderr.length > 1 << 20) stderr = stderr.slice(-(1 << 19));
    });
    if (captureStdout) {
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (d) => {
        stdout += d;
      });
    }
    let hwm = 0;
    const sample = () => {
      hwm = Math.max(hwm, readHwmKb(child.pid));
    };
    const timer = poll && child.pid ? setInterval(sample, 50) : undefined;
    let seconds = NaN;
    child.on('exit', () => {
      seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      if (timer) clearInterval(timer);
    });
    child.on('error', (err) => {
      if (timer) clearInterval(timer);
      if (outFd !== undefined) closeSync(outFd);
      reject(err);
    });
    child.on('close', (code, signal) => {
      if (outFd !== undefined) closeSync(outFd);
      let statsRssKb;
      const m = /^fstream-stats (\{.*\})\s*$/m.exec(stderr);
      if (m) {
        try {
          statsRssKb = JSON.parse(m[1]).maxRssKb;
        } catch {
          /* ignore */
        }
      }
      const fromStats = Number.isFinite(statsRssKb);
      // CPU time (user+sys, all threads) as the child measured it itself: fstream-stats,
      // duckdb-stats, or the node baseline's JSON on stdout; null for other commands (cat).
      let cpuMs = null;
      const cpuLine = /^(?:fstream|duckdb)-stats (\{.*\})\s*$/m.exec(stderr) ?? (captureStdout ? /^(\{.*"cpuMs".*\})\s*$/m.exec(stdout) : null);
      if (cpuLine) {
        try {
          cpuMs = JSON.parse(cpuLine[1]).cpuMs ?? null;
        } catch {
          /* ignore */
        }
      }
      resolveRun({
        code: code ?? (signal ? 128 : 1),
        signal,
        seconds,
        maxRssKb: fromStats ? statsRssKb : hwm || null,
        rssSource: fromStats ? 'fstream-stats' : hwm ? 'proc-VmHWM-poll' : null,
        cpuSeconds: Number.isFinite(cpuMs) ? cpuMs / 1000 : null,
        stderr,
        stdout,
      });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** Runs `make()` `runs` times; returns the median time, the largest peak RSS and every run. */
async function measure(runs, make) {
  const all = [];
  for (let i = 0; i < runs; i++) all.push(await make(i));
  const ok = all.filter((r) => r.code === 0);
  const rss = all.map((r) => r.maxRssKb).filter((x) => x);
  const cpu = all.map((r) => r.cpuSeconds).filter((x) => Number.isFinite(x));
  return {
    seconds: ok.length === all.length ? median(all.map((r) => r.seconds)) : null,
    runsSeconds: all.map((r) => round(r.seconds, 4)),
    cpuSeconds: cpu.length === all.length && ok.length === all.length ? median(cpu) : null,
    runsCpuSeconds: cpu.map((x) => round(x, 4)),
    maxRssKb: rss.length ? Math.max(...rss) : null,
    rssSource: all.find((r) => r.rssSource)?.rssSource ?? null,
    code: all.find((r) => r.code !== 0)?.code ?? 0,
    stderrTail:
      all
        .find((r) => r.code !== 0)
        ?.stderr.trim()
        .split('\n')
        .slice(-5)
        .join('\n') ?? undefined,
    last: all[all.length - 1],
    all,
  };
}

// ---------------------------------------------------------------------------------------------
// Output checks

/** Calls `onLine(text)` for every non-empty line of FILE. */
function forEachLine(path, onLine) {
  const fd = openSync(path, 'r');
  const buf = Buffer.allocUnsafe(4 * MiB);
  let carry = '';
  for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; ) {
    const text = carry + buf.toString('utf8', 0, n); // our outputs are ASCII-safe JSON for these fields
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      if (nl > start) onLine(text.slice(start, nl));
      start = nl + 1;
    }
    carry = text.slice(start);
  }
  closeSync(fd);
  if (carry.length) onLine(carry);
}

/** Non-empty NDJSON of objects? Returns the line count and the first problem. */
function checkNdjson(path) {
  let lines = 0;
  let bad = 0;
  let firstBad;
  forEachLine(path, (s) => {
    lines++;
    let v;
    try {
      v = JSON.parse(s);
    } catch {
      v = undefined;
    }
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      bad++;
      firstBad ??= s.slice(0, 200);
    }
  });
  const problems = [];
  if (lines === 0) problems.push('empty output');
  if (bad) problems.push(`${bad} line(s) are not JSON objects, e.g. ${firstBad}`);
  return { lines, ok: problems.length === 0, problems };
}

// ---------------------------------------------------------------------------------------------
// DuckDB peer

function npm(args, opts = {}) {
  return execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 300_000,
    ...opts,
  });
}

/** `>=20.19.0`-style ranges only; anything we cannot read counts as supported. */
function nodeSatisfies(range) {
  if (!range) return true;
  const cur = process.versions.node.split('.').map(Number);
  const cmp = (v) => {
    const p = v.split('.').map(Number);
    for (let i = 0; i < 3; i++) if ((cur[i] ?? 0) !== (p[i] ?? 0)) return (cur[i] ?? 0) - (p[i] ?? 0);
    return 0;
  };
  return range.split('||').some((alt) =>
    alt
      .trim()
      .split(/\s+/)
      .every((c) => {
        const m = /^(>=|>|<=|<|\^|~)?v?(\d+(?:\.\d+){0,2})/.exec(c);
        if (!m) return true;
        const d = cmp(m[2]);
        switch (m[1]) {
          case '>=':
            return d >= 0;
          case '>':
            return d > 0;
          case '<=':
            return d <= 0;
          case '<':
            return d < 0;
          case '^':
            return d >= 0 && cur[0] === Number(m[2].split('.')[0]);
          default:
            return d >= 0 || m[1] === undefined;
        }
      }),
  );
}

/** Picks a @duckdb/node-api version that supports this Node (`npm view ... engines`). */
function pickDuckdbVersion() {
  if (opt['duckdb-version']) return opt['duckdb-version'];
  try {
    const latest = JSON.parse(npm(['view', '@duckdb/node-api', 'dist-tags.latest', '--json']));
    const engines = npm(['view', `@duckdb/node-api@${latest}`, 'engines', '--json']).trim();
    const range = engines ? JSON.parse(engines)?.node : undefined;
    if (nodeSatisfies(range)) return latest;
    log(`bench: @duckdb/node-api@${latest} needs node ${range}; using ${DUCKDB_FALLBACK_VERSION}`);
  } catch (err) {
    log(`bench: npm view @duckdb/node-api failed (${String(err.message).split('\n')[0]}); trying ${DUCKDB_FALLBACK_VERSION}`);
  }
  return DUCKDB_FALLBACK_VERSION;
}

/** Installs @duckdb/node-api into bench/.peers/ unless it is there. Returns {ok, version, error}. */
function ensureDuckdb() {
  const pkgPath = join(PEERS_DIR, 'node_modules', '@duckdb', 'node-api', 'package.json');
  const installed = () => {
    try {
      return JSON.parse(readFileSync(pkgPath, 'utf8')).version;
    } catch {
      return undefined;
    }
  };
  const have = installed();
  if (have && (!opt['duckdb-version'] || opt['duckdb-version'] === have)) return { ok: true, version: have, installed: false };
  const version = pickDuckdbVersion();
  mkdirSync(PEERS_DIR, { recursive: true });
  const own = join(PEERS_DIR, 'package.json');
  if (!existsSync(own)) writeFileSync(own, `${JSON.stringify({ name: 'fstream-bench-peers', private: true }, null, 2)}\n`);
  log(`bench: installing @duckdb/node-api@${version} into ${relative(ROOT, PEERS_DIR)}/ ...`);
  try {
    npm(['install', '--prefix', PEERS_DIR, '--no-audit', '--no-fund', '--loglevel=error', `@duckdb/node-api@${version}`]);
  } catch (err) {
    const detail = `${err.stderr ?? ''}${err.message ?? ''}`.trim().split('\n').slice(-4).join(' | ');
    return { ok: false, version, error: `npm install @duckdb/node-api@${version} failed: ${detail}` };
  }
  const now = installed();
  return now
    ? { ok: true, version: now, installed: true }
    : { ok: false, version, error: 'installed, but @duckdb/node-api is not in bench/.peers/node_modules' };
}

const keyOf = (row, fields) => fields.map((f) => String(row[f])).join('\u0000');

function loadRows(path, key) {
  const rows = new Map();
  let duplicates = 0;
  forEachLine(path, (s) => {
    const r = JSON.parse(s);
    const k = keyOf(r, key);
    if (rows.has(k)) duplicates++;
    rows.set(k, r);
  });
  return { rows, duplicates };
}

function valuesMatch(a, b, how) {
  if (typeof a !== 'number' || typeof b !== 'number') return a === b;
  if (how.exact) return a === b;
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return scale === 0 || Math.abs(a - b) / scale <= how.rel;
}

/** fstream's output vs DuckDB's. */
function compareResults(sc, fstreamOut, fstreamLines, duckOut) {
  if (sc.peerOutput === 'count') {
    const { count } = JSON.parse(readFileSync(duckOut, 'utf8'));
    const ok = count === fstreamLines;
    return {
      ok,
      fstreamRows: fstreamLines,
      duckdbRows: count,
      mismatches: ok ? [] : [`fstream wrote ${fstreamLines} records, DuckDB counts ${count}`],
    };
  }
  const f = loadRows(fstreamOut, sc.key);
  const d = loadRows(duckOut, sc.key);
  const mismatches = [];
  let missing = 0;
  let extra = 0;
  let differ = 0;
  const fields = Object.keys(sc.compare);
  for (const [k, dr] of d.rows) {
    const fr = f.rows.get(k);
    if (!fr) {
      missing++;
      if (mismatches.length < 5) mismatches.push(`missing in fstream: ${JSON.stringify(dr)}`);
      continue;
    }
    const bad = fields.filter((x) => !valuesMatch(fr[x], dr[x], sc.compare[x]));
    if (bad.length) {
      differ++;
      if (mismatches.length < 5) {
        mismatches.push(`${sc.key.map((x) => fr[x]).join(' ')}: ${bad.map((x) => `${x} fstream=${fr[x]} duckdb=${dr[x]}`).join(', ')}`);
      }
    }
  }
  for (const [k, fr] of f.rows) {
    if (!d.rows.has(k)) {
      extra++;
      if (mismatches.length < 5) mismatches.push(`not in DuckDB: ${JSON.stringify(fr)}`);
    }
  }
  const total = (rows, field) => {
    let s = 0;
    for (const r of rows.values()) s += r[field] ?? 0;
    return s;
  };
  const summary = { fstreamRows: f.rows.size, duckdbRows: d.rows.size };
  if ('count' in sc.compare) {
    summary.fstreamTotalCount = total(f.rows, 'count');
    summary.duckdbTotalCount = total(d.rows, 'count');
  }
  if (f.duplicates) mismatches.unshift(`fstream emitted ${f.duplicates} duplicate key(s)`);
  const ok = missing === 0 && extra === 0 && differ === 0 && f.duplicates === 0 && d.duplicates === 0;
  return { ok, ...summary, missingInFstream: missing, extraInFstream: extra, valueMismatches: differ, mismatches };
}

// ---------------------------------------------------------------------------------------------
// Formatting

function round(x, digits) {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
const fmt = (x, digits) => (x === null || x === undefined || !Number.isFinite(x) ? '-' : x.toFixed(digits));
function fmtRate(x) {
  if (x === null || !Number.isFinite(x)) return '-';
  if (x >= 1e6) return `${(x / 1e6).toFixed(2)}M`;
  if (x >= 1e3) return `${(x / 1e3).toFixed(1)}k`;
  return x.toFixed(0);
}
function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Main

const data = await ensureData();
const info = fileInfo(data.path);
const runs = opt.runs !== undefined ? positiveInt('--runs', opt.runs) : info.bytes < SMALL_FILE ? 3 : 1;
const MB = info.bytes / MiB;
const rates = (seconds) => ({
  mbPerSec: seconds ? round(MB / seconds, 1) : null,
  recordsPerSec: seconds ? Math.round(info.lines / seconds) : null,
});
mkdirSync(OUT_DIR, { recursive: true });
const emptyFile = join(OUT_DIR, 'empty.ndjson');
writeFileSync(emptyFile, '');

const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  availableParallelism: os.availableParallelism?.() ?? os.cpus().length,
  memGiB: round(os.totalmem() / 1024 ** 3, 1),
  node: process.version,
  platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  loadAvgAtStart: os.loadavg().map((x) => round(x, 2)), // > 0 means others share the CPU: noisy numbers
};
log(`bench: ${relative(ROOT, data.path)}: ${MB.toFixed(1)} MB, ${info.lines} lines; ${runs} run(s) per measurement (median)`);
log(`bench: ${machine.cpu}, ${machine.cores} cores, node ${machine.node}; fstream -p ${parallelism ?? 'default'}`);

// Baselines. A first cat also makes sure the file is in the page cache.
await runChild('cat', [data.path], { poll: false });
log('bench: baseline: cat FILE > /dev/null ...');
const cat = await measure(runs, () => runChild('cat', [data.path], { stdoutPath: '/dev/null' }));
log('bench: baseline: plain Node (bench/peers/node-baseline.mjs) ...');
const nodeBase = await measure(runs, () => runChild(process.execPath, [NODE_BASELINE, data.path], { captureStdout: true }));
let nodeBaseStats = {};
try {
  nodeBaseStats = JSON.parse(nodeBase.last.stdout);
} catch {
  /* reported below */
}
log('bench: baseline: fstream start-up (empty input) ...');
const pArgs = parallelism !== undefined ? ['-p', String(parallelism)] : [];
const startup = await measure(runs, () =>
  runChild(process.execPath, [FSTREAM, '--from', emptyFile, '-o', 'ndjson', ...pArgs, 'json'], {
    stdoutPath: '/dev/null',
    env: { FSTREAM_REPORT_RSS: '1' },
  }),
);
const baseSeconds = nodeBase.seconds;
const baselines = {
  cat: { seconds: round(cat.seconds, 4), runsSeconds: cat.runsSeconds, ...rates(cat.seconds), code: cat.code },
  node: {
    seconds: round(baseSeconds, 4),
    runsSeconds: nodeBase.runsSeconds,
    cpuSeconds: round(nodeBase.cpuSeconds, 4),
    ...rates(baseSeconds),
    maxRssMb: nodeBase.maxRssKb ? round(nodeBase.maxRssKb / 1024, 1) : null,
    lines: nodeBaseStats.lines ?? null,
    status5xx: nodeBaseStats.status5xx ?? null,
    bad: nodeBaseStats.bad ?? null,
    code: nodeBase.code,
  },
  fstreamStartup: {
    seconds: round(startup.seconds, 4),
    runsSeconds: startup.runsSeconds,
    cpuSeconds: round(startup.cpuSeconds, 4),
    maxRssMb: startup.maxRssKb ? round(startup.maxRssKb / 1024, 1) : null,
    code: startup.code,
  },
};
const problems = [];
if (nodeBase.code !== 0) problems.push(`node baseline failed: ${nodeBase.stderrTail}`);
else if (nodeBaseStats.lines !== info.lines) problems.push(`node baseline read ${nodeBaseStats.lines} lines, the file has ${info.lines}`);

// fstream scenarios
const results = [];
for (const sc of selected) {
  log(`bench: fstream ${sc.name} ...`);
  const outFile = join(OUT_DIR, `fstream-${sc.name}.ndjson`);
  const args = [FSTREAM, '--from', data.path, ...sc.args, '-o', 'ndjson', ...pArgs, sc.query];
  const lineCounts = [];
  const m = await measure(runs, async () => {
    const r = await runChild(process.execPath, args, { stdoutPath: outFile, env: { FSTREAM_REPORT_RSS: '1' } });
    // Checked after the timed run, from the file: the engine never waits for the checker.
    r.check = r.code === 0 ? checkNdjson(outFile) : { lines: 0, ok: false, problems: [`exit ${r.code}`] };
    lineCounts.push(r.check.lines);
    return r;
  });
  const check = m.last.check;
  const scProblems = [...check.problems];
  if (m.code !== 0) scProblems.push(`fstream exited ${m.code}: ${m.stderrTail}`);
  if (new Set(lineCounts).size > 1) scProblems.push(`output line counts differ between runs: ${lineCounts.join(', ')}`);
  if (sc.name === 'filter' && nodeBaseStats.status5xx !== undefined && check.lines !== nodeBaseStats.status5xx) {
    scProblems.push(`filter wrote ${check.lines} records; the node baseline counts ${nodeBaseStats.status5xx} with status >= 500`);
  }
  for (const p of scProblems) problems.push(`${sc.name}: ${p}`);
  results.push({
    scenario: sc.name,
    command: ['fstream', '--from', relative(ROOT, data.path), ...sc.args, '-o', 'ndjson', ...pArgs, sc.query],
    seconds: round(m.seconds, 4),
    runsSeconds: m.runsSeconds,
    cpuSeconds: round(m.cpuSeconds, 4),
    runsCpuSeconds: m.runsCpuSeconds,
    ...rates(m.seconds),
    maxRssMb: m.maxRssKb ? round(m.maxRssKb / 1024, 1) : null,
    rssSource: m.rssSource,
    ratioToNode: m.seconds && baseSeconds ? round(m.seconds / baseSeconds, 2) : null,
    outputLines: check.lines,
    outputOk: scProblems.length === 0,
    problems: scProblems,
    outputFile: relative(ROOT, outFile),
  });
}

// DuckDB peers
let peers = null;
if (opt.peers) {
  const dd = ensureDuckdb();
  if (!dd.ok) {
    log(`bench: PEERS SKIPPED — could not install DuckDB: ${dd.error}`);
    peers = { skipped: true, reason: dd.error };
  } else {
    peers = { engine: 'duckdb', package: `@duckdb/node-api@${dd.version}`, threads: duckdbThreads, scenarios: [] };
    for (const sc of selected) {
      log(`bench: duckdb ${sc.name} ...`);
      const outFile = join(OUT_DIR, `duckdb-${sc.name}.ndjson`);
      rmSync(outFile, { force: true });
      const m = await measure(runs, () =>
        runChild(process.execPath, [DUCKDB_RUNNER, '--data', data.path, '--scenario', sc.name, '--out', outFile, '--threads', String(duckdbThreads)]),
      );
      const statsLine = /^duckdb-stats (\{.*\})\s*$/m.exec(m.last.stderr);
      const stats = statsLine ? JSON.parse(statsLine[1]) : {};
      peers.version ??= stats.version;
      const fs = results.find((r) => r.scenario === sc.name);
      const entry = {
        scenario: sc.name,
        sql: sc.sql(data.path).replace(/\s+/g, ' ').trim(),
        seconds: round(m.seconds, 4),
        runsSeconds: m.runsSeconds,
        cpuSeconds: round(m.cpuSeconds, 4),
        queryMs: round(stats.queryMs, 1),
        ...rates(m.seconds),
        maxRssMb: m.maxRssKb ? round(m.maxRssKb / 1024, 1) : null,
        fstreamOverDuckdb: fs?.seconds && m.seconds ? round(fs.seconds / m.seconds, 2) : null,
        code: m.code,
      };
      if (m.code !== 0) {
        entry.error = m.stderrTail;
        problems.push(`duckdb ${sc.name}: exited ${m.code}: ${m.stderrTail}`);
      } else if (fs && fs.problems.length === 0) {
        entry.check = compareResults(sc, join(ROOT, fs.outputFile), fs.outputLines, outFile);
        if (!entry.check.ok) problems.push(`${sc.name}: fstream and DuckDB disagree: ${entry.check.mismatches.join('; ')}`);
      } else {
        entry.check = { ok: false, mismatches: ['fstream run failed: nothing to compare'] };
      }
      peers.scenarios.push(entry);
    }
  }
}

// Report
machine.loadAvgAtEnd = os.loadavg().map((x) => round(x, 2));
const report = {
  createdAt: new Date().toISOString(),
  machine,
  data: {
    file: relative(ROOT, data.path),
    bytes: info.bytes,
    mb: round(MB, 2),
    lines: info.lines,
    seed: data.seed,
    generated: data.generated,
  },
  settings: { runsPerMeasurement: runs, statistic: 'median', fstreamParallelism: parallelism ?? 'default', mbUnit: 'MiB (2^20 bytes)' },
  baselines,
  scenarios: results,
  peers,
  problems,
};
mkdirSync(dirname(outPath), { recursive: true });
writeFileSync(outPath, `${JSON.stringify(report, null, 2)}\n`);

const out = [];
out.push('');
out.push(
  `${relative(ROOT, data.path)}: ${MB.toFixed(1)} MB, ${info.lines} lines, seed ${data.seed ?? '?'} | ${machine.cpu}, ${machine.cores} cores, node ${machine.node} | median of ${runs}`,
);
out.push('');
out.push(
  table(
    ['baseline', 'seconds', 'CPU s', 'MB/s', 'records/s', 'peak RSS MB'],
    [
      ['cat FILE > /dev/null', fmt(cat.seconds, 3), '-', fmt(baselines.cat.mbPerSec, 1), fmtRate(baselines.cat.recordsPerSec), '-'],
      [
        'node: read+split+JSON.parse',
        fmt(baseSeconds, 3),
        fmt(baselines.node.cpuSeconds, 2),
        fmt(baselines.node.mbPerSec, 1),
        fmtRate(baselines.node.recordsPerSec),
        fmt(baselines.node.maxRssMb, 1),
      ],
      [
        'fstream start-up (empty input)',
        fmt(startup.seconds, 3),
        fmt(baselines.fstreamStartup.cpuSeconds, 2),
        '-',
        '-',
        fmt(baselines.fstreamStartup.maxRssMb, 1),
      ],
    ],
  ),
);
out.push('');
out.push(
  table(
    ['scenario', 'seconds', 'CPU s', 'MB/s', 'records/s', 'peak RSS MB', 'x node', 'output lines', 'output'],
    results.map((r) => [
      r.scenario,
      fmt(r.seconds, 3),
      fmt(r.cpuSeconds, 2),
      fmt(r.mbPerSec, 1),
      fmtRate(r.recordsPerSec),
      fmt(r.maxRssMb, 1),
      fmt(r.ratioToNode, 2),
      r.outputLines,
      r.outputOk ? 'ok' : 'BAD',
    ]),
  ),
);
if (peers?.skipped) {
  out.push('');
  out.push(`peers: SKIPPED — ${peers.reason}`);
} else if (peers) {
  out.push('');
  out.push(`peers: DuckDB ${peers.version ?? ''} (${peers.package}), SET threads=${peers.threads}, fresh process per run`);
  out.push(
    table(
      ['scenario', 'duckdb s', 'CPU s', 'query s', 'MB/s', 'peak RSS MB', 'fstream/duckdb', 'results'],
      peers.scenarios.map((p) => [
        p.scenario,
        fmt(p.seconds, 3),
        fmt(p.cpuSeconds, 2),
        fmt(p.queryMs / 1000, 3),
        fmt(p.mbPerSec, 1),
        fmt(p.maxRssMb, 1),
        fmt(p.fstreamOverDuckdb, 2),
        p.check?.ok ? `match (${p.check.duckdbRows} rows)` : p.error ? 'ERROR' : 'MISMATCH (see below)',
      ]),
    ),
  );
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

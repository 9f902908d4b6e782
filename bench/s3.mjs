#!/usr/bin/env node
// S3 inputs: throughput of `--from s3://...` against the same objects read from disk, peak memory
// over many small objects, and the start-up cost of an S3 input. The S3 endpoint is s3rver on
// 127.0.0.1, in a child process (bench/s3-server.mjs). See bench/README.md ("S3 inputs").
//
//   node bench/s3.mjs [--quick] [--size 1GB] [--objects 64] [--seed 42] [-p 1,2] [--runs N]
//                     [--memory-objects 10,1000,10000] [--memory-sources s3,disk] [--memory-parallelism P]
//                     [--memory-runs 3] [--startup-runs 10]
//                     [--only throughput,memory,startup] [--fresh] [--out PATH] [--bin PATH]
//   npm run bench -- s3 [options]             (build, then this script)
import { execFileSync, spawn } from 'node:child_process';
import {
  closeSync,
  createReadStream,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseSize } from './lib/size.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const GEN = join(HERE, 'gen.mjs');
const SERVER = join(HERE, 's3-server.mjs');
const DATA_DIR = join(HERE, 'data');
const S3_DIR = join(DATA_DIR, 's3'); // split files (the disk inputs) and the server's store: kept between runs
const STORE_DIR = join(S3_DIR, 'store'); // s3rver's directory: bucket/key._S3rver_object ...
const RESULTS_DIR = join(HERE, 'results');
const MiB = 1024 * 1024;

const BUCKET = 'bench';
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }; // s3rver's fixed pair
const QUERIES = [
  { name: 'count-5xx', query: 'json | where status >= 500 | count' },
  { name: 'count-by-route', query: 'json | count by route' },
];
const MEMORY_QUERY = 'json | count';
const STARTUP_QUERY = 'json';
/** Memory: peak RSS over the most objects at most this many times the one over the fewest (the claim: flat). */
const RSS_TARGET_RATIO = 1.25;

const HELP = `usage: node bench/s3.mjs [options]   (npm run bench -- s3 [options])

  --quick               smoke run: --size 20MB --memory-objects 10,1000 --memory-runs 1 --startup-runs 3
  --size N[KB|MB|GB]    throughput data (binary units, default 1GB), split into --objects objects
  --objects N           objects (and files) the throughput data is split into (default 64)
  --seed N              generator seed (default 42)
  -p, --parallelism a,b fstream's -p values for throughput (default 1,2)
  --runs N              throughput runs per source, median reported (default 3 below 256MB, else 1)
  --memory-objects a,b  memory: prefixes of that many objects of one line (~230 bytes) each,
                        objects-N-SEED/ (default 10,1000,10000)
  --memory-sources a,b  s3 and/or disk: the same objects as files in bench/data/s3/objects-N-SEED/
                        (default s3,disk)
  --memory-parallelism P  fstream's -p for the memory runs (default: none, fstream's default)
  --memory-runs N       runs per memory measurement (default 3)
  --startup-runs N      runs per start-up measurement, median reported (default 10)
  --only a,b            a subset of: throughput, memory, startup
  --fresh               empty the server's store (bench/data/s3/store/) first: upload everything again
  --out PATH            JSON results (default bench/results/s3-<timestamp>.json)
  --bin PATH            the fstream launcher to measure (default bin/fstream of this checkout)
`;

let opt;
try {
  ({ values: opt } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      size: { type: 'string' },
      objects: { type: 'string' },
      seed: { type: 'string' },
      parallelism: { type: 'string', short: 'p' },
      runs: { type: 'string' },
      'memory-objects': { type: 'string' },
      'memory-sources': { type: 'string' },
      'memory-parallelism': { type: 'string' },
      'memory-runs': { type: 'string' },
      'startup-runs': { type: 'string' },
      only: { type: 'string' },
      fresh: { type: 'boolean', default: false },
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
  process.stderr.write(`bench s3: ${msg}\n`);
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
const size = parseSize(opt.size ?? (quick ? '20MB' : '1GB'), fail);
const objectCount = positiveInt('--objects', opt.objects ?? '64');
const seed = opt.seed ?? '42';
if (!/^-?\d+$/.test(seed)) fail(`bad --seed ${seed}`);
const parallelisms = list('--parallelism', opt.parallelism ?? '1,2').map((p) => positiveInt('--parallelism', p));
const runs = opt.runs !== undefined ? positiveInt('--runs', opt.runs) : size.bytes < 256 * MiB ? 3 : 1;
const memoryObjects = [
  ...new Set(list('--memory-objects', opt['memory-objects'] ?? (quick ? '10,1000' : '10,1000,10000')).map((n) => positiveInt('--memory-objects', n))),
].sort((a, b) => a - b);
const memorySources = list('--memory-sources', opt['memory-sources'] ?? 's3,disk', ['s3', 'disk']);
const memoryParallelism = opt['memory-parallelism'] !== undefined ? positiveInt('--memory-parallelism', opt['memory-parallelism']) : 'default';
const memoryPArgs = memoryParallelism === 'default' ? [] : ['-p', String(memoryParallelism)];
const memoryRuns = positiveInt('--memory-runs', opt['memory-runs'] ?? (quick ? '1' : '3'));
const startupRuns = positiveInt('--startup-runs', opt['startup-runs'] ?? (quick ? '3' : '10'));
const sections = list('--only', opt.only ?? 'throughput,memory,startup', ['throughput', 'memory', 'startup']);
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const outPath = resolve(opt.out ?? join(RESULTS_DIR, `s3-${stamp}.json`));

const FSTREAM = resolve(opt.bin ?? join(ROOT, 'bin', 'fstream'));
if (opt.bin === undefined && !existsSync(join(ROOT, 'dist', 'cli.js'))) fail('dist/cli.js is missing: run `npm run build` first (or `npm run bench -- s3`)');
if (!existsSync(FSTREAM)) fail(`--bin ${opt.bin}: no such file`);
if (!existsSync('/proc/self/stat')) fail('needs Linux /proc (CPU times of the child processes)');

// ---------------------------------------------------------------------------------------------
// CPU times, child processes, scratch directory

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
/** user + system CPU seconds of a running process, all its threads; null when it is gone. */
function procCpu(pid) {
  try {
    const f = statFields(pid);
    return (Number(f[11]) + Number(f[12])) / clockTicks;
  } catch {
    return null;
  }
}
/** CPU seconds of this process's children that have exited and been waited for (cutime + cstime). */
function reapedChildrenCpu() {
  const f = statFields('self');
  return (Number(f[13]) + Number(f[14])) / clockTicks;
}

/** Outputs and the one-line file of this run; removed at the end, also when interrupted. */
const TMP_DIR = join(S3_DIR, `tmp-${process.pid}`);
const live = new Set();
function track(child) {
  live.add(child);
  child.on('close', () => live.delete(child));
  return child;
}
function cleanUp() {
  for (const c of live) c.kill('SIGKILL');
  rmSync(TMP_DIR, { recursive: true, force: true });
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    cleanUp();
    process.stderr.write('\nbench s3: interrupted\n');
    process.exit(130);
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs one Node script to its exit: wall time from spawn to exit, CPU (user + sys, all threads)
 * from this process's cutime/cstime once it is reaped, peak RSS from fstream's
 * `fstream-stats {"maxRssKb":N}` stderr line, and the server's CPU over the same time.
 * stdout goes to `stdoutPath`; `input` (a string) is written to its stdin.
 */
function runNode(args, { stdoutPath, input, env, nodeArgs = [], timeoutMs = 600_000, serverPid } = {}) {
  return new Promise((done) => {
    const outFd = stdoutPath ? openSync(stdoutPath, 'w') : 'ignore';
    const cpu0 = reapedChildrenCpu();
    const server0 = serverPid ? procCpu(serverPid) : null;
    const t0 = process.hrtime.bigint();
    // `undefined` in `env` removes that variable.
    const childEnv = Object.fromEntries(Object.entries({ ...process.env, ...env }).filter(([, v]) => v !== undefined));
    const child = track(
      spawn(process.execPath, [...nodeArgs, ...args], {
        stdio: [input === undefined ? 'ignore' : 'pipe', outFd, 'pipe'],
        env: childEnv,
      }),
    );
    if (input !== undefined) {
      child.stdin.on('error', () => {}); // EPIPE if it is gone: reported through its exit
      child.stdin.end(input);
    }
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d) => {
      stderr += d;
      if (stderr.length > 1 << 22) stderr = stderr.slice(-(1 << 21));
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    let wall = NaN;
    let server1 = null;
    child.on('exit', () => {
      wall = Number(process.hrtime.bigint() - t0) / 1e9;
      server1 = serverPid ? procCpu(serverPid) : null;
      clearTimeout(timer);
    });
    child.on('close', (code, signal) => {
      if (typeof outFd === 'number') closeSync(outFd);
      const m = /^fstream-stats (\{.*\})\s*$/m.exec(stderr);
      let maxRssKb = null;
      try {
        maxRssKb = m ? (JSON.parse(m[1]).maxRssKb ?? null) : null;
      } catch {
        /* none */
      }
      done({
        code: timedOut ? 'timeout' : (code ?? signal),
        wallSeconds: wall,
        cpuSeconds: reapedChildrenCpu() - cpu0,
        serverCpuSeconds: server0 !== null && server1 !== null ? server1 - server0 : null,
        maxRssKb,
        stderr,
      });
    });
    child.on('error', (err) => {
      stderr += String(err.message);
    });
  });
}

const stderrTail = (s) =>
  s
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('fstream-stats '))
    .slice(-3)
    .join(' | ');

// ---------------------------------------------------------------------------------------------
// The S3 server (bench/s3-server.mjs) and the SDK for uploads

/** Starts s3rver in a child process with `--openssl-legacy-provider`; resolves once it listens. */
async function startServer() {
  mkdirSync(STORE_DIR, { recursive: true });
  const child = track(
    spawn(process.execPath, ['--openssl-legacy-provider', SERVER, '--directory', STORE_DIR], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '' },
    }),
  );
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => {
    stderr = (stderr + d).slice(-4096);
  });
  const lines = [];
  let onLine = () => {};
  createInterface({ input: child.stdout }).on('line', (l) => {
    lines.push(l);
    onLine();
  });
  const closed = new Promise((r) => child.on('close', r));
  const first = await Promise.race([new Promise((r) => (onLine = r)).then(() => lines[0]), closed.then(() => null), sleep(30_000).then(() => null)]);
  const port = first ? JSON.parse(first).port : null;
  if (!port) {
    child.kill('SIGKILL');
    throw new Error(`s3rver did not start: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
  }
  return {
    pid: child.pid,
    endpoint: `http://127.0.0.1:${port}`,
    /** Closes it; its own total CPU (process.cpuUsage, seconds) from its last line. */
    async stop() {
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await closed;
      clearTimeout(timer);
      const last = lines.map((l) => JSON.parse(l)).find((x) => x.cpu);
      return last ? { user: last.cpu.user / 1e6, system: last.cpu.system / 1e6 } : null;
    },
  };
}

async function s3Client(endpoint) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const sdk = await import('@aws-sdk/client-s3');
  const client = new sdk.S3Client({
    endpoint,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: CREDENTIALS,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return { sdk, client };
}

/** Every key under `prefix` with its size. */
async function listSizes({ sdk, client }, prefix) {
  const sizes = new Map();
  let token;
  do {
    const page = await client.send(new sdk.ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix, ContinuationToken: token }));
    for (const o of page.Contents ?? []) sizes.set(o.Key, o.Size);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return sizes;
}

/**
 * Uploads the `items` ({key, size, body()}) that the store does not hold with that size yet,
 * `concurrency` at a time: what an earlier run uploaded (the store is kept) is not sent again.
 */
async function upload(s3, label, prefix, items, concurrency) {
  const have = await listSizes(s3, prefix);
  const wanted = new Set(items.map((i) => i.key));
  const extra = [...have.keys()].filter((k) => !wanted.has(k));
  if (extra.length) throw new Error(`${BUCKET}/${prefix} holds ${extra.length} unexpected key(s), e.g. ${extra[0]}; run with --fresh`);
  const todo = items.filter((i) => have.get(i.key) !== i.size);
  if (!todo.length) {
    log(`bench s3: ${label}: ${items.length} objects already in the store`);
    return { uploaded: 0, seconds: 0 };
  }
  const bytes = todo.reduce((s, i) => s + i.size, 0);
  log(`bench s3: ${label}: uploading ${todo.length} of ${items.length} objects (${(bytes / MiB).toFixed(1)} MB), ${concurrency} at a time ...`);
  const t0 = performance.now();
  let next = 0;
  let doneCount = 0;
  let doneBytes = 0;
  let lastLog = t0;
  const worker = async () => {
    while (next < todo.length) {
      const item = todo[next++];
      await s3.client.send(new s3.sdk.PutObjectCommand({ Bucket: BUCKET, Key: item.key, Body: item.body(), ContentLength: item.size }));
      doneCount++;
      doneBytes += item.size;
      const now = performance.now();
      if (now - lastLog > 5000 || doneCount === todo.length) {
        lastLog = now;
        const s = (now - t0) / 1000;
        log(
          `bench s3:   ${doneCount}/${todo.length} objects, ${(doneBytes / MiB).toFixed(0)} MB, ${s.toFixed(1)} s (${(doneBytes / MiB / s).toFixed(1)} MB/s)`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, todo.length) }, worker));
  const seconds = (performance.now() - t0) / 1000;
  const after = await listSizes(s3, prefix);
  const missing = items.filter((i) => after.get(i.key) !== i.size);
  if (missing.length) throw new Error(`after the upload ${missing.length} object(s) under ${prefix} are missing or of another size`);
  return { uploaded: todo.length, bytes, seconds: round(seconds, 2) };
}

// ---------------------------------------------------------------------------------------------
// Data

/** bench/gen.mjs output, as bench/run.mjs names it (so both benchmarks share it). */
async function ensureSource() {
  const path = join(DATA_DIR, `access-${size.label}-${seed}.ndjson`);
  if (existsSync(path)) return path;
  mkdirSync(DATA_DIR, { recursive: true });
  const partial = `${path}.partial`;
  log(`bench s3: generating ${relative(ROOT, path)} (${size.label}, seed ${seed}) ...`);
  const t0 = performance.now();
  const r = await runNode([GEN, '--size', size.label, '--seed', seed, '--out', partial]);
  if (r.code !== 0) throw new Error(`bench/gen.mjs failed (exit ${r.code}): ${stderrTail(r.stderr)}`);
  renameSync(partial, path);
  log(`bench s3: generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return path;
}

/**
 * The source split at line ends into `objectCount` files of about equal size,
 * bench/data/s3/access-<size>-<seed>-<n>/part-NNN.ndjson (the directory holds nothing else: it is
 * the disk input as it is). Made once; its byte and line counts are kept in `<dir>.meta.json`.
 */
async function ensureParts() {
  const name = `access-${size.label}-${seed}-${objectCount}`;
  const dir = join(S3_DIR, name);
  const metaPath = `${dir}.meta.json`;
  if (existsSync(dir) && existsSync(metaPath)) return { name, dir, ...JSON.parse(readFileSync(metaPath, 'utf8')) };
  const source = await ensureSource();
  log(`bench s3: splitting it into ${objectCount} files in ${relative(ROOT, dir)}/ ...`);
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const total = statSync(source).size;
  const target = Math.ceil(total / objectCount);
  const digits = Math.max(3, String(objectCount - 1).length);
  const inFd = openSync(source, 'r');
  const buf = Buffer.allocUnsafe(8 * MiB);
  let part = -1;
  let outFd = null;
  let partBytes = 0;
  let lines = 0;
  const write = (from, to) => {
    if (outFd === null) {
      part++;
      outFd = openSync(join(partial, `part-${String(part).padStart(digits, '0')}.ndjson`), 'w');
      partBytes = 0;
    }
    writeSync(outFd, buf, from, to - from);
    partBytes += to - from;
  };
  for (let got; (got = readSync(inFd, buf, 0, buf.length, null)) > 0; ) {
    for (let i = buf.indexOf(10); i !== -1 && i < got; i = buf.indexOf(10, i + 1)) lines++;
    let start = 0;
    while (start < got) {
      // The part the next bytes go to is the last one: it takes the rest.
      const last = (outFd === null ? part + 1 : part) >= objectCount - 1;
      const need = outFd === null ? target : target - partBytes;
      if (last || got - start < need) {
        write(start, got);
        break;
      }
      // This part is full once it reaches the end of the line at byte `need`.
      const nl = buf.indexOf(10, start + Math.max(0, need - 1));
      if (nl === -1 || nl >= got) {
        write(start, got);
        break;
      }
      write(start, nl + 1);
      closeSync(outFd);
      outFd = null;
      start = nl + 1;
    }
  }
  if (outFd !== null) closeSync(outFd);
  closeSync(inFd);
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  const files = readdirSync(dir).sort();
  const meta = { bytes: total, lines, files: files.map((f) => ({ name: f, bytes: statSync(join(dir, f)).size })) };
  writeFileSync(metaPath, `${JSON.stringify(meta)}\n`);
  return { name, dir, ...meta };
}

/** `n` lines of bench/gen.mjs (~230 bytes each), one object each. */
async function genLines(n) {
  mkdirSync(TMP_DIR, { recursive: true });
  const path = join(TMP_DIR, `lines-${n}.ndjson`);
  const r = await runNode([GEN, '--lines', String(n), '--seed', seed, '--out', path]);
  if (r.code !== 0) throw new Error(`bench/gen.mjs failed (exit ${r.code}): ${stderrTail(r.stderr)}`);
  const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
  rmSync(path);
  return lines;
}

/** Reads the files once, so that every run finds them in the page cache. */
async function warm(paths) {
  for (const p of paths) {
    await new Promise((done, reject) => {
      const s = createReadStream(p, { highWaterMark: 4 * MiB });
      s.on('data', () => {});
      s.on('end', done);
      s.on('error', reject);
    });
  }
}

/**
 * GETs every object through the server, `concurrency` at a time, and drops the bytes: the first
 * gigabytes s3rver serves after it starts come slower (its code is not optimized yet), which
 * would count against whichever S3 run comes first.
 */
async function getAll(s3, items, concurrency) {
  const t0 = performance.now();
  let next = 0;
  let bytes = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      const out = await s3.client.send(new s3.sdk.GetObjectCommand({ Bucket: BUCKET, Key: item.key }));
      for await (const chunk of out.Body) bytes += chunk.length;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  if (bytes !== items.reduce((s, i) => s + i.size, 0)) throw new Error(`s3rver served ${bytes} bytes of ${items.length} objects, not their listed sizes`);
  return { bytes, seconds: (performance.now() - t0) / 1000 };
}

// ---------------------------------------------------------------------------------------------
// Measurements

const median = (xs) => {
  const s = xs.filter((x) => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const minOf = (xs) => {
  const s = xs.filter((x) => x !== null && Number.isFinite(x));
  return s.length ? Math.min(...s) : null;
};
const maxOf = (xs) => {
  const s = xs.filter((x) => x !== null && Number.isFinite(x));
  return s.length ? Math.max(...s) : null;
};

/** The environment of every fstream run: s3rver's credentials, no other AWS settings. */
function fstreamEnv(server) {
  return {
    FSTREAM_REPORT_RSS: '1',
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL: server.endpoint,
  };
}

let outSeq = 0;
/** One fstream run; its stdout in a scratch file, read back (outputs here are small) and removed. */
async function fstreamRun(server, args, { input, timeoutMs, nodeArgs, env } = {}) {
  mkdirSync(TMP_DIR, { recursive: true });
  const stdoutPath = join(TMP_DIR, `out-${++outSeq}.ndjson`);
  const r = await runNode([FSTREAM, ...args], { stdoutPath, input, timeoutMs, nodeArgs, env: { ...fstreamEnv(server), ...env }, serverPid: server.pid });
  const output = readFileSync(stdoutPath, 'utf8');
  rmSync(stdoutPath);
  return { ...r, output };
}

/** Output lines sorted: the same result whatever order groups come out in. */
const canonical = (output) => output.split('\n').filter(Boolean).sort().join('\n');

function summarize(all, bytes) {
  const ok = all.filter((r) => r.code === 0);
  const wall = ok.length === all.length ? median(all.map((r) => r.wallSeconds)) : null;
  return {
    wallSeconds: round(wall, 3),
    mbPerSec: wall && bytes ? round(bytes / MiB / wall, 1) : null,
    cpuSeconds: round(median(ok.map((r) => r.cpuSeconds)), 2),
    minCpuSeconds: round(minOf(ok.map((r) => r.cpuSeconds)), 2),
    serverCpuSeconds: round(median(ok.map((r) => r.serverCpuSeconds)), 2),
    maxRssKb: maxOf(all.map((r) => r.maxRssKb)),
    runs: all.map((r) => ({
      wallSeconds: round(r.wallSeconds, 3),
      cpuSeconds: round(r.cpuSeconds, 2),
      serverCpuSeconds: round(r.serverCpuSeconds, 2),
      maxRssKb: r.maxRssKb,
      code: r.code,
    })),
  };
}

// 1. Throughput ---------------------------------------------------------------------------------

async function throughput(server, s3, problems) {
  const data = await ensureParts();
  const prefix = `${data.name}/`;
  const items = data.files.map((f) => ({ key: `${prefix}${f.name}`, size: f.bytes, body: () => createReadStream(join(data.dir, f.name)) }));
  const up = await upload(s3, `throughput data (${data.files.length} objects)`, prefix, items, 4);
  log('bench s3: reading the files, and the objects through s3rver, once (page cache; s3rver warmed up) ...');
  await warm(items.map((i) => join(data.dir, i.key.slice(prefix.length))));
  const w = await getAll(s3, items, 4);
  log(`bench s3:   s3rver served ${(w.bytes / MiB).toFixed(0)} MB in ${w.seconds.toFixed(1)} s (${(w.bytes / MiB / w.seconds).toFixed(0)} MB/s)`);

  // Baselines, in this process, the bytes dropped: how fast the files can be read at all, and how
  // fast s3rver serves the objects to a client that does nothing with them.
  const baselineRuns = { read: [], get: [] };
  for (let i = 0; i < runs; i++) {
    for (const which of ['read', 'get']) {
      const cpu0 = process.cpuUsage();
      const server0 = procCpu(server.pid);
      const t0 = performance.now();
      if (which === 'read') await warm(items.map((it) => join(data.dir, it.key.slice(prefix.length))));
      else await getAll(s3, items, 4);
      const seconds = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const server1 = procCpu(server.pid);
      baselineRuns[which].push({ wallSeconds: seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, serverCpuSeconds: server1 - server0, code: 0 });
    }
  }
  const baselines = {
    read: { what: `read the ${items.length} files (4 MB reads, one at a time)`, ...summarize(baselineRuns.read, data.bytes) },
    get: { what: `GET the ${items.length} objects through s3rver (SDK, 4 at a time)`, ...summarize(baselineRuns.get, data.bytes) },
  };
  log(
    `bench s3: baselines: read ${fmt(baselines.read.mbPerSec, 0)} MB/s, GET through s3rver ${fmt(baselines.get.mbPerSec, 0)} MB/s (s3rver ${fmt(baselines.get.serverCpuSeconds, 2)} s CPU)`,
  );

  const sources = {
    disk: { label: 'disk', from: `${relative(process.cwd(), data.dir) || data.dir}/` },
    s3: { label: 's3', from: `s3://${BUCKET}/${prefix}` },
  };
  // A run may take long at 1 GB on a loaded machine, but not forever: 60 s + 1 s per 2 MB.
  const timeoutMs = 60_000 + (data.bytes / (2 * MiB)) * 1000;
  const results = [];
  for (const q of QUERIES) {
    for (const p of parallelisms) {
      const byRun = { disk: [], s3: [] };
      for (let i = 0; i < runs; i++) {
        // Alternating: a slow spell of the machine hits both sources.
        for (const which of i % 2 === 0 ? ['disk', 's3'] : ['s3', 'disk']) {
          const src = sources[which];
          const args = ['--from', src.from, '-o', 'ndjson', '-p', String(p), q.query];
          const r = await fstreamRun(server, args, { timeoutMs });
          byRun[which].push(r);
          log(
            `bench s3: ${q.name} -p ${p} ${which.padEnd(4)} run ${i + 1}/${runs}: ${fmt(r.wallSeconds, 2)} s wall, ${fmt(r.cpuSeconds, 2)} s CPU` +
              (which === 's3' ? `, s3rver ${fmt(r.serverCpuSeconds, 2)} s CPU` : '') +
              `, ${fmt(r.maxRssKb / 1024, 0)} MB RSS${r.code === 0 ? '' : ` — exit ${r.code}: ${stderrTail(r.stderr)}`}`,
          );
        }
      }
      const rowProblems = [];
      for (const which of ['disk', 's3'])
        for (const r of byRun[which]) if (r.code !== 0) rowProblems.push(`${which} run exited ${r.code}: ${stderrTail(r.stderr)}`);
      const outputs = [...byRun.disk, ...byRun.s3].filter((r) => r.code === 0).map((r) => canonical(r.output));
      const reference = byRun.disk.find((r) => r.code === 0);
      if (new Set(outputs).size > 1) {
        const s3Out = byRun.s3.find((r) => r.code === 0);
        rowProblems.push(
          `outputs differ between runs or sources: disk ${JSON.stringify(reference?.output.slice(0, 120))} s3 ${JSON.stringify(s3Out?.output.slice(0, 120))}`,
        );
      }
      if (reference && q.name === 'count-by-route') {
        // Every line is counted once: the counts add up to the line count of the data.
        let sum = 0;
        for (const l of reference.output.split('\n').filter(Boolean)) sum += JSON.parse(l).count;
        if (sum !== data.lines) rowProblems.push(`count by route adds up to ${sum}, the data has ${data.lines} lines`);
      }
      if (reference && !reference.output.trim()) rowProblems.push('empty output');
      for (const x of rowProblems) problems.push(`throughput ${q.name} -p ${p}: ${x}`);
      const disk = summarize(byRun.disk, data.bytes);
      const s3r = summarize(byRun.s3, data.bytes);
      results.push({
        query: q.name,
        text: q.query,
        parallelism: p,
        disk: { from: sources.disk.from, ...disk },
        s3: { from: sources.s3.from, ...s3r },
        ratio: {
          wall: disk.wallSeconds && s3r.wallSeconds ? round(s3r.wallSeconds / disk.wallSeconds, 3) : null,
          cpu: disk.cpuSeconds && s3r.cpuSeconds ? round(s3r.cpuSeconds / disk.cpuSeconds, 3) : null,
          minCpu: disk.minCpuSeconds && s3r.minCpuSeconds ? round(s3r.minCpuSeconds / disk.minCpuSeconds, 3) : null,
          cpuWithServer:
            disk.cpuSeconds && s3r.cpuSeconds && s3r.serverCpuSeconds !== null ? round((s3r.cpuSeconds + s3r.serverCpuSeconds) / disk.cpuSeconds, 3) : null,
        },
        output: reference ? reference.output.split('\n').filter(Boolean).slice(0, 3) : null,
        outputLines: reference ? reference.output.split('\n').filter(Boolean).length : null,
        problems: rowProblems,
      });
    }
  }
  return {
    baselines,
    data: { dir: relative(ROOT, data.dir), prefix: `s3://${BUCKET}/${prefix}`, bytes: data.bytes, lines: data.lines, objects: data.files.length },
    upload: up,
    runs,
    results,
  };
}

// 2. Memory -------------------------------------------------------------------------------------

async function memory(server, s3, problems) {
  const lines = await genLines(memoryObjects.at(-1));
  const sets = memoryObjects.map((n) => ({ n, name: `objects-${n}-${seed}`, runs: { s3: [], disk: [] } }));
  for (const set of sets) {
    const digits = String(set.n - 1).length;
    const files = lines.slice(0, set.n).map((l, i) => ({ name: `${String(i).padStart(digits, '0')}.ndjson`, body: Buffer.from(`${l}\n`) }));
    set.bytes = files.reduce((s, f) => s + f.body.length, 0);
    if (memorySources.includes('s3')) {
      const items = files.map((f) => ({ key: `${set.name}/${f.name}`, size: f.body.length, body: () => f.body }));
      set.upload = await upload(s3, `memory data (${set.n} objects)`, `${set.name}/`, items, 48);
    }
    if (memorySources.includes('disk')) {
      // The same objects as files, bench/data/s3/objects-N-SEED/: written once.
      set.dir = join(S3_DIR, set.name);
      const have = existsSync(set.dir) ? readdirSync(set.dir).length : 0;
      if (have !== set.n) {
        log(`bench s3: memory data: writing ${set.n} files to ${relative(ROOT, set.dir)}/ ...`);
        rmSync(set.dir, { recursive: true, force: true });
        mkdirSync(set.dir, { recursive: true });
        for (const f of files) writeFileSync(join(set.dir, f.name), f.body);
      }
    }
  }
  const from = (set, which) => (which === 's3' ? `s3://${BUCKET}/${set.name}/` : `${relative(process.cwd(), set.dir)}/`);
  const timeoutMs = 120_000 + memoryObjects.at(-1) * 30; // 30 ms an object: fstream takes 5-10 ms of CPU for each
  for (let i = 0; i < memoryRuns; i++) {
    for (const set of i % 2 === 0 ? sets : [...sets].reverse()) {
      for (const which of i % 2 === 0 ? memorySources : [...memorySources].reverse()) {
        const r = await fstreamRun(server, ['--from', from(set, which), '-o', 'ndjson', ...memoryPArgs, MEMORY_QUERY], { timeoutMs });
        set.runs[which].push(r);
        log(
          `bench s3: memory ${set.n} objects ${which.padEnd(4)} run ${i + 1}/${memoryRuns}: ${fmt(r.wallSeconds, 2)} s wall, ${fmt(r.cpuSeconds, 2)} s CPU, ` +
            `s3rver ${fmt(r.serverCpuSeconds, 2)} s CPU, ${mb(r.maxRssKb)} MB RSS${r.code === 0 ? '' : ` — exit ${r.code}: ${stderrTail(r.stderr)}`}`,
        );
      }
    }
  }
  const results = [];
  for (const set of sets) {
    const row = { objects: set.n, bytes: set.bytes, upload: set.upload ?? null };
    for (const which of memorySources) {
      for (const r of set.runs[which]) {
        if (r.code !== 0) problems.push(`memory ${set.n} objects ${which}: exited ${r.code}: ${stderrTail(r.stderr)}`);
        else if (r.output.trim() !== JSON.stringify({ count: set.n }))
          problems.push(`memory ${set.n} objects ${which}: output ${r.output.trim()}, expected {"count":${set.n}}`);
      }
      const s = summarize(set.runs[which], set.bytes);
      row[which] = { from: from(set, which), ...s, objectsPerSec: s.wallSeconds ? round(set.n / s.wallSeconds, 1) : null };
    }
    results.push(row);
  }
  for (const which of memorySources) {
    const fewest = results[0][which].maxRssKb;
    for (const r of results) r[which].rssRatio = fewest && r[which].maxRssKb ? round(r[which].maxRssKb / fewest, 3) : null;
  }
  return {
    query: MEMORY_QUERY,
    parallelism: memoryParallelism,
    sources: memorySources,
    runs: memoryRuns,
    results,
    rssRatio: memorySources.includes('s3') ? results.at(-1).s3.rssRatio : null,
    target: RSS_TARGET_RATIO,
  };
}

// 3. Start-up -----------------------------------------------------------------------------------

/** SDK files loaded (`NODE_DEBUG=module` lines `load ".../node_modules/@aws-sdk|@smithy/..."`). */
const sdkLoads = (stderr) => (stderr.match(/^MODULE \d+: load "[^"]*node_modules\/(?:@aws-sdk|@smithy)\//gm) ?? []).length;

async function startup(server, s3, problems) {
  const line = (await genLines(1))[0];
  const key = 'one/one.ndjson';
  await upload(s3, 'start-up object', 'one/', [{ key, size: Buffer.byteLength(`${line}\n`), body: () => `${line}\n` }], 1);
  mkdirSync(TMP_DIR, { recursive: true });
  const localFile = join(TMP_DIR, 'one.ndjson');
  writeFileSync(localFile, `${line}\n`);
  const cases = [
    { name: 'node', label: 'node -e 0 (process start-up)', args: ['-e', '0'], plainNode: true },
    { name: 'stdin', label: `echo '{}' | fstream ${STARTUP_QUERY}`, args: [STARTUP_QUERY], input: '{}\n', expect: '{}' },
    { name: 'file', label: `fstream --from one.ndjson ${STARTUP_QUERY}`, args: ['--from', localFile, STARTUP_QUERY], expect: line },
    { name: 's3', label: `fstream --from s3://${BUCKET}/${key} ${STARTUP_QUERY}`, args: ['--from', `s3://${BUCKET}/${key}`, STARTUP_QUERY], expect: line },
  ];
  const byCase = Object.fromEntries(cases.map((c) => [c.name, []]));
  log(`bench s3: start-up: ${startupRuns} rounds of ${cases.length} runs ...`);
  for (let i = 0; i < startupRuns; i++) {
    // Rotated each round, so that no case always runs right after another one.
    const order = cases.map((_, j) => cases[(i + j) % cases.length]);
    for (const c of order) {
      const r = c.plainNode ? await runNode(c.args, { serverPid: server.pid }) : await fstreamRun(server, c.args, { input: c.input, timeoutMs: 60_000 });
      byCase[c.name].push(r);
    }
  }
  // Which runs load the SDK: once more each, with NODE_DEBUG=module.
  const loads = {};
  for (const c of cases.filter((x) => !x.plainNode)) {
    const r = await fstreamRun(server, c.args, { input: c.input, timeoutMs: 60_000, env: { NODE_DEBUG: 'module' } });
    loads[c.name] = r.code === 0 ? sdkLoads(r.stderr) : null;
  }
  if (loads.stdin !== 0) problems.push(`start-up: the stdin run loaded ${loads.stdin} SDK files`);
  if (loads.file !== 0) problems.push(`start-up: the local-file run loaded ${loads.file} SDK files`);
  if (!(loads.s3 > 0)) problems.push('start-up: the S3 run loaded no SDK file (is NODE_DEBUG=module output as expected?)');
  const results = [];
  for (const c of cases) {
    const all = byCase[c.name];
    for (const r of all) {
      if (r.code !== 0) problems.push(`start-up ${c.name}: exited ${r.code}: ${stderrTail(r.stderr)}`);
      else if (c.expect !== undefined && JSON.stringify(JSON.parse(r.output.trim())) !== JSON.stringify(JSON.parse(c.expect)))
        problems.push(`start-up ${c.name}: output ${r.output.trim().slice(0, 100)}`);
    }
    const s = summarize(all, 0);
    results.push({
      case: c.name,
      command: c.label,
      wallSeconds: s.wallSeconds,
      minWallSeconds: round(minOf(all.map((r) => r.wallSeconds)), 3),
      cpuSeconds: s.cpuSeconds,
      serverCpuSeconds: s.serverCpuSeconds,
      maxRssKb: s.maxRssKb,
      sdkFilesLoaded: c.plainNode ? null : loads[c.name],
      runs: s.runs,
    });
  }
  rmSync(localFile, { force: true });
  return { query: STARTUP_QUERY, runs: startupRuns, results };
}

// ---------------------------------------------------------------------------------------------
// Formatting

function round(x, digits) {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
const fmt = (x, digits) => (x === null || x === undefined || !Number.isFinite(x) ? '-' : x.toFixed(digits));
const mb = (kb) => (kb ? (kb / 1024).toFixed(1) : '-');
function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

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
log(`bench s3: ${machine.cpu}, ${machine.cores} cores, node ${machine.node}; ${sections.join(', ')}`);

if (opt.fresh) {
  log(`bench s3: --fresh: emptying ${relative(ROOT, STORE_DIR)}/`);
  rmSync(STORE_DIR, { recursive: true, force: true });
}
const problems = [];
let server;
let report;
try {
  server = await startServer();
  log(`bench s3: s3rver on ${server.endpoint} (pid ${server.pid}), store ${relative(ROOT, STORE_DIR)}/`);
  const s3 = await s3Client(server.endpoint);
  await s3.client.send(new s3.sdk.CreateBucketCommand({ Bucket: BUCKET })).catch((err) => {
    if (err.name !== 'BucketAlreadyOwnedByYou' && err.name !== 'BucketAlreadyExists') throw err;
  });
  const serverCpu0 = procCpu(server.pid);
  const tp = sections.includes('throughput') ? await throughput(server, s3, problems) : null;
  const mem = sections.includes('memory') ? await memory(server, s3, problems) : null;
  const st = sections.includes('startup') ? await startup(server, s3, problems) : null;
  const serverCpu1 = procCpu(server.pid);
  s3.client.destroy();
  const serverTotal = await server.stop();
  server = null;
  machine.loadAvgAtEnd = os.loadavg().map((x) => round(x, 2));
  report = {
    createdAt: new Date().toISOString(),
    machine,
    settings: {
      bin: relative(ROOT, FSTREAM) || FSTREAM,
      quick,
      size: size.label,
      objects: objectCount,
      seed: Number(seed),
      parallelism: parallelisms,
      runs,
      memoryObjects,
      memorySources,
      memoryParallelism,
      memoryRuns,
      startupRuns,
      server: 's3rver 3.7.1 on 127.0.0.1, its own node process (--openssl-legacy-provider), store on disk',
      cpu: 'user + sys, all threads: fstream from cutime/cstime once reaped; s3rver from /proc/PID/stat over the run',
    },
    throughput: tp,
    memory: mem,
    startup: st,
    server: {
      cpuSecondsDuringMeasurements: round(serverCpu1 - serverCpu0, 2),
      cpuSecondsTotal: serverTotal ? round(serverTotal.user + serverTotal.system, 2) : null,
      cpuUsage: serverTotal,
    },
    problems,
  };
} catch (err) {
  problems.push(`aborted: ${err.stack ?? err}`);
  report = { createdAt: new Date().toISOString(), machine, problems };
} finally {
  if (server) await server.stop().catch(() => {});
  cleanUp();
}

mkdirSync(dirname(outPath), { recursive: true });
writeFileSync(outPath, `${JSON.stringify(report, null, 2)}\n`);

const out = [''];
out.push(
  `${machine.cpu}, ${machine.cores} cores, node ${machine.node}, load ${machine.loadAvgAtStart.join(' ')} → ${(machine.loadAvgAtEnd ?? os.loadavg().map((x) => round(x, 2))).join(' ')}`,
);
const tp = report.throughput;
if (tp) {
  out.push('');
  out.push(
    `throughput: ${(tp.data.bytes / MiB).toFixed(1)} MB, ${tp.data.lines} lines in ${tp.data.objects} plain NDJSON objects/files; ${tp.data.prefix} vs ${tp.data.dir}/; median of ${tp.runs}`,
  );
  out.push(
    table(
      ['baseline (this process, bytes dropped)', 'wall s', 'MB/s', 'CPU s', 's3rver CPU s'],
      Object.values(tp.baselines).map((b) => [b.what, fmt(b.wallSeconds, 2), fmt(b.mbPerSec, 1), fmt(b.cpuSeconds, 2), fmt(b.serverCpuSeconds, 2)]),
    ),
  );
  out.push('');
  const rows = [];
  for (const r of tp.results) {
    for (const which of ['disk', 's3']) {
      const x = r[which];
      rows.push([
        which === 'disk' ? r.query : '',
        r.parallelism,
        which,
        fmt(x.wallSeconds, 2),
        fmt(x.mbPerSec, 1),
        fmt(x.cpuSeconds, 2),
        fmt(x.minCpuSeconds, 2),
        mb(x.maxRssKb),
        which === 's3' ? fmt(x.serverCpuSeconds, 2) : '',
        which === 's3' ? fmt(r.ratio.wall, 2) : '',
        which === 's3' ? fmt(r.ratio.cpu, 2) : '',
        which === 's3' ? fmt(r.ratio.cpuWithServer, 2) : '',
      ]);
    }
  }
  out.push(
    table(['query', '-p', 'from', 'wall s', 'MB/s', 'CPU s', 'min CPU s', 'peak RSS MB', 's3rver CPU s', 's3/disk wall', 'CPU', '(CPU+s3rver)/disk'], rows),
  );
  for (const q of QUERIES) out.push(`  ${q.name}: \`${q.query}\``);
  out.push('MB/s: data bytes / 2^20 / wall; CPU: user + sys of fstream, all threads; s3rver CPU: the server process over the same run');
}
const mem = report.memory;
if (mem) {
  out.push('');
  out.push(
    `memory: \`fstream --from s3://${BUCKET}/PREFIX/ '${mem.query}'\` and the same objects as files (--from DIR/), -p ${mem.parallelism === 'default' ? `default (${Math.max(1, Math.min(8, os.availableParallelism()))})` : mem.parallelism}; one line (~230 bytes) per object; median of ${mem.runs}, peak RSS the largest`,
  );
  const rows = [];
  for (const r of mem.results) {
    for (const which of mem.sources) {
      const x = r[which];
      rows.push([
        which === mem.sources[0] ? r.objects : '',
        r.bytes,
        which,
        fmt(x.wallSeconds, 2),
        fmt(x.objectsPerSec, 0),
        fmt(x.cpuSeconds, 2),
        which === 's3' ? fmt(x.serverCpuSeconds, 2) : '',
        mb(x.maxRssKb),
        fmt(x.rssRatio, 2),
      ]);
    }
  }
  out.push(table(['objects', 'bytes', 'from', 'wall s', 'objects/s', 'CPU s', 's3rver CPU s', 'peak RSS MB', `RSS / ${mem.results[0].objects} objects`], rows));
  if (mem.rssRatio !== null && mem.results.length > 1) {
    const [f, m] = [mem.results[0], mem.results.at(-1)];
    out.push(
      `s3 peak RSS ${m.objects} / ${f.objects} objects: ${fmt(mem.rssRatio, 2)} (${mem.rssRatio <= mem.target ? 'ok' : 'MISS'}: target ≤ ${mem.target}); CPU per object (s3): ${fmt(((m.s3.cpuSeconds - f.s3.cpuSeconds) / (m.objects - f.objects)) * 1000, 1)} ms`,
    );
  }
}
const st = report.startup;
if (st) {
  out.push('');
  out.push(`start-up: a one-line input, median of ${st.runs} (rounds rotated); SDK files: loaded under NODE_DEBUG=module (one more run)`);
  out.push(
    table(
      ['command', 'wall s', 'min wall s', 'CPU s', 'peak RSS MB', 'SDK files', 's3rver CPU s'],
      st.results.map((r) => [
        r.command,
        fmt(r.wallSeconds, 3),
        fmt(r.minWallSeconds, 3),
        fmt(r.cpuSeconds, 2),
        mb(r.maxRssKb),
        r.sdkFilesLoaded ?? '',
        fmt(r.serverCpuSeconds, 2),
      ]),
    ),
  );
  const byName = Object.fromEntries(st.results.map((r) => [r.case, r]));
  if (byName.s3?.wallSeconds && byName.file?.wallSeconds)
    out.push(
      `s3 - local file: +${fmt(byName.s3.wallSeconds - byName.file.wallSeconds, 3)} s wall, +${fmt(byName.s3.cpuSeconds - byName.file.cpuSeconds, 2)} s CPU`,
    );
}
if (report.server) {
  out.push('');
  out.push(
    `s3rver: ${fmt(report.server.cpuSecondsDuringMeasurements, 2)} s CPU during the measurements, ${fmt(report.server.cpuSecondsTotal, 2)} s in all (uploads included; its own process.cpuUsage)`,
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

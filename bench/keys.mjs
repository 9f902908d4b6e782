#!/usr/bin/env node
// High-cardinality keyed state: `json | count by user` over access logs where every line has its
// own user (bench/gen.mjs --unique-users), at 1M, 5M and 20M distinct keys: fstream at -p 1 and
// -p 2 under its default memory budget (state past it spills to disk), against DuckDB (which also
// spills) on the same file. Results are compared (both sorted, byte for byte).
//
//   npm run bench -- keys [--keys 1M,5M] [-p 1,2] [--memory 512MB] [--no-peers] [--out FILE]
//
// Reported per run: wall time, CPU time (user+sys, all threads; the child's own figure), peak
// RSS, and the peak disk space of the spilled runs (fstream: its temporary run directories,
// found under a TMPDIR of the bench's own; DuckDB: its temp_directory).
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: opt } = parseArgs({
  options: {
    keys: { type: 'string', default: '1M,5M' },
    parallelism: { type: 'string', short: 'p', default: '1,2' },
    memory: { type: 'string' },
    'no-peers': { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});
const count = (s) => Math.round(Number.parseFloat(s) * (/m$/i.test(s) ? 1e6 : /k$/i.test(s) ? 1e3 : 1));
const keySets = opt.keys.split(',').map((s) => ({ label: s, n: count(s) }));
const parallelisms = opt.parallelism.split(',').map(Number);
const work = join(ROOT, 'bench', 'results', `keys-${Date.now()}`);
mkdirSync(work, { recursive: true });
const QUERY = 'json | count by user';
const SQL = (f) =>
  `SELECT "user", count(*) AS count FROM read_ndjson('${f}', columns = {ts: 'VARCHAR', host: 'VARCHAR', route: 'VARCHAR', method: 'VARCHAR', status: 'BIGINT', latency_ms: 'DOUBLE', bytes: 'BIGINT', "user": 'VARCHAR', ua: 'VARCHAR'}) GROUP BY ALL`;

/** Bytes on disk under `dir` (allocated blocks: LMDB files are sparse). */
function diskBytes(dir) {
  let n = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    try {
      n += e.isDirectory() ? diskBytes(p) : statSync(p).blocks * 512;
    } catch {
      /* removed meanwhile */
    }
  }
  return n;
}

function hwmKb(pid) {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Runs a child with stdout to `outPath`, sampling its peak RSS and the disk use of `spillDir`. */
function run(cmd, args, { outPath, env, spillDir }) {
  return new Promise((done, fail) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    const out = createWriteStream(outPath);
    child.stdout.pipe(out);
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    let rss = 0;
    let disk = 0;
    const timer = setInterval(() => {
      rss = Math.max(rss, hwmKb(child.pid));
      disk = Math.max(disk, diskBytes(spillDir));
    }, 500);
    child.on('error', fail);
    child.on('close', (code) => {
      clearInterval(timer);
      const wall = Number(process.hrtime.bigint() - t0) / 1e9;
      const stats = /^(?:fstream|duckdb)-stats (\{.*\})\s*$/m.exec(stderr);
      const s = stats ? JSON.parse(stats[1]) : {};
      const result = { code, wall, cpu: s.cpuMs ? s.cpuMs / 1000 : null, rssMb: (s.maxRssKb ?? rss) / 1024, diskMb: disk / 2 ** 20, stderr };
      if (out.writableFinished) done(result);
      else out.on('finish', () => done(result));
    });
  });
}

/** `LC_ALL=C sort` of a file into another (results are compared sorted). */
function sortFile(from, to) {
  execFileSync('bash', ['-c', `LC_ALL=C sort -S 1G -T "${work}" "${from}" > "${to}"`]);
}

const rows = [];
const problems = [];
for (const { label, n } of keySets) {
  const data = join(ROOT, 'bench', 'data', 'keys', `keys-${label}.ndjson`);
  if (!existsSync(data)) {
    process.stderr.write(`generating ${data} (${n} lines, each its own user)...\n`);
    execFileSync(process.execPath, [join(ROOT, 'bench', 'gen.mjs'), '--lines', String(n), '--unique-users', '--out', data], { stdio: 'inherit' });
  }
  const gb = statSync(data).size / 2 ** 30;
  let reference = null;
  if (!opt['no-peers']) {
    const tmp = join(work, `duckdb-tmp-${label}`);
    const outPath = join(work, `duckdb-${label}.ndjson`);
    const script = join(ROOT, 'bench', 'peers', 'duckdb.mjs');
    const r = await run(process.execPath, [script, '--sql', SQL(data), '--out', outPath, '--temp', tmp, '--threads', '2'], {
      outPath: join(work, 'duckdb-stdout.txt'),
      spillDir: tmp,
    });
    if (r.code !== 0) problems.push(`duckdb ${label}: exit ${r.code}: ${r.stderr.slice(-500)}`);
    else {
      reference = join(work, `duckdb-${label}.sorted`);
      sortFile(outPath, reference);
      rmSync(outPath, { force: true });
    }
    rows.push({ keys: label, gb, engine: 'DuckDB (2 threads)', ...pick(r), results: 'reference' });
    rmSync(tmp, { recursive: true, force: true });
  }
  for (const p of parallelisms) {
    const tmp = join(work, `tmp-${label}-p${p}`);
    mkdirSync(tmp, { recursive: true });
    const outPath = join(work, `fstream-${label}-p${p}.ndjson`);
    const args = [join(ROOT, 'bin', 'fstream'), '--from', data, '-p', String(p), '-o', 'ndjson', ...(opt.memory ? ['--memory', opt.memory] : []), QUERY];
    const r = await run(process.execPath, args, { outPath, env: { FSTREAM_REPORT_RSS: '1', TMPDIR: tmp }, spillDir: tmp });
    let results = 'not compared';
    if (r.code !== 0) {
      results = 'FAILED';
      problems.push(`fstream ${label} -p ${p}: exit ${r.code}: ${r.stderr.slice(-500)}`);
    } else if (reference) {
      const sorted = join(work, `fstream-${label}-p${p}.sorted`);
      sortFile(outPath, sorted);
      try {
        execFileSync('cmp', ['-s', sorted, reference]);
        results = 'equal';
      } catch {
        results = 'DIFFERENT';
        problems.push(`fstream ${label} -p ${p}: results differ from DuckDB's (${sorted} vs ${reference})`);
      }
      rmSync(sorted, { force: true });
    }
    rmSync(outPath, { force: true });
    rmSync(tmp, { recursive: true, force: true });
    rows.push({ keys: label, gb, engine: `fstream -p ${p}`, ...pick(r), results });
  }
  if (reference) rmSync(reference, { force: true });
}

function pick(r) {
  return { wall: r.wall, cpu: r.cpu, rssMb: r.rssMb, diskMb: r.diskMb, code: r.code };
}

const fmt = (x, d = 1) => (x === null || x === undefined ? '–' : x.toFixed(d));
const lines = [
  `| distinct keys | input | engine | wall s | CPU s | peak RSS MB | peak spill on disk MB | results |`,
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    (r) => `| ${r.keys} | ${fmt(r.gb, 2)} GB | ${r.engine} | ${fmt(r.wall)} | ${fmt(r.cpu)} | ${fmt(r.rssMb, 0)} | ${fmt(r.diskMb, 0)} | ${r.results} |`,
  ),
];
process.stdout.write(`${lines.join('\n')}\n`);
const outFile = opt.out ?? join(work, 'keys.json');
writeFileSync(outFile, JSON.stringify({ machine: { cpus: (await import('node:os')).cpus().length }, query: QUERY, rows, problems }, null, 2));
process.stdout.write(`results: ${outFile}\n`);
if (problems.length > 0) {
  process.stdout.write(`PROBLEMS:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
  process.exitCode = 1;
}

#!/usr/bin/env node
// One DuckDB run of one benchmark scenario, in its own process (the runner starts a fresh one per
// run, so every run pays the same start-up and no cache is shared).
//
//   node bench/peers/duckdb.mjs --data FILE --scenario NAME --out RESULT.ndjson [--threads 2]
//   node bench/peers/duckdb.mjs --sql 'SELECT ...' --out RESULT.ndjson [--threads 2] [--temp DIR]
//
// `rows` scenarios: the query's rows are written to --out as NDJSON shaped like fstream's output
// (COPY ... (FORMAT json)). `count` scenarios: --out gets {"count":N}.
// Last stderr line: `duckdb-stats {"queryMs":T,"cpuMs":C,"version":"..."}` (C: user+sys, all threads).
//
// @duckdb/node-api is loaded from bench/.peers/ (installed there by `node bench/run.mjs --peers`);
// it is never a dependency of fstream itself.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { findScenario, sqlString } from '../scenarios.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const PEERS_DIR = resolve(here, '..', '.peers');

const { values: opt } = parseArgs({
  options: {
    data: { type: 'string' },
    scenario: { type: 'string' },
    sql: { type: 'string' },
    temp: { type: 'string' },
    out: { type: 'string' },
    threads: { type: 'string', default: '2' },
    'peers-dir': { type: 'string', default: PEERS_DIR },
  },
});

function fail(msg) {
  process.stderr.write(`duckdb.mjs: ${msg}\n`);
  process.exit(2);
}
if (!opt.out || !(opt.sql || (opt.data && opt.scenario))) fail('--out and either --sql or --data and --scenario are required');
// --sql: a query whose rows are written as NDJSON (bench/keys.mjs).
const sc = opt.sql ? { peerOutput: 'rows', sql: () => opt.sql } : findScenario(opt.scenario);
if (!sc) fail(`unknown scenario ${opt.scenario}`);
const threads = Number(opt.threads);
if (!Number.isInteger(threads) || threads < 1) fail(`bad --threads ${opt.threads}`);

let duckdb;
try {
  const req = createRequire(join(opt['peers-dir'], 'package.json'));
  duckdb = await import(pathToFileURL(req.resolve('@duckdb/node-api')).href);
} catch (err) {
  fail(
    `cannot load @duckdb/node-api from ${opt['peers-dir']}: ${err.message}\n` +
      '  install it with: node bench/run.mjs --peers (or npm install --prefix bench/.peers @duckdb/node-api)',
  );
}

const t0 = performance.now();
const instance = await duckdb.DuckDBInstance.create(':memory:');
const conn = await instance.connect();
await conn.run(`SET threads = ${threads}`);
// Where DuckDB spills what does not fit its memory limit (bench/keys.mjs measures its size).
if (opt.temp) await conn.run(`SET temp_directory = ${sqlString(resolve(opt.temp))}`);
const sql = sc.sql(opt.data ? resolve(opt.data) : '');
if (sc.peerOutput === 'count') {
  const reader = await conn.runAndReadAll(sql);
  const count = Number(reader.getRows()[0][0]);
  writeFileSync(opt.out, `${JSON.stringify({ count })}\n`);
} else {
  await conn.run(`COPY (${sql}) TO ${sqlString(resolve(opt.out))} (FORMAT json)`);
}
const queryMs = performance.now() - t0;
const version = (await conn.runAndReadAll('SELECT version()')).getRows()[0][0];
conn.closeSync?.();
const { userCPUTime, systemCPUTime } = process.resourceUsage();
const cpuMs = (userCPUTime + systemCPUTime) / 1000;
process.stderr.write(`duckdb-stats ${JSON.stringify({ queryMs, cpuMs, version, threads })}\n`);

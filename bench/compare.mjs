#!/usr/bin/env node
// Two builds of fstream on the same data, in one run: `node bench/compare.mjs --base DIR`.
// See bench/README.md ("Comparing two builds").
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { scenarioNames, scenarios } from './scenarios.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');

const { values: opt } = parseArgs({
  options: {
    base: { type: 'string' },
    data: { type: 'string' },
    size: { type: 'string', default: '300MB' },
    seed: { type: 'string', default: '42' },
    runs: { type: 'string', default: '5' },
    parallelism: { type: 'string', short: 'p' },
    scenarios: { type: 'string' },
    out: { type: 'string' },
  },
});
if (!opt.base) {
  process.stderr.write('usage: node bench/compare.mjs --base DIR [--data FILE | --size 300MB] [--runs 5] [-p N] [--scenarios a,b]\n');
  process.exit(2);
}
const builds = { base: join(resolve(opt.base), 'bin', 'fstream'), current: join(ROOT, 'bin', 'fstream') };
for (const b of Object.values(builds)) if (!existsSync(b)) throw new Error(`no build at ${b}`);

/** The data file: given, or generated once by bench/gen.mjs (kept in bench/data/). */
async function dataFile() {
  if (opt.data) return resolve(opt.data);
  const path = join(HERE, 'data', `access-${opt.size}-${opt.seed}.ndjson`);
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    await run(process.execPath, [join(HERE, 'gen.mjs'), '--size', opt.size, '--seed', opt.seed, '--out', path]);
  }
  return path;
}

function run(cmd, args, stdoutFile) {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    const out = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => (err += b));
    child.on('error', fail);
    child.on('close', (code) => {
      if (code !== 0) return fail(new Error(`${cmd} ${args.join(' ')}: exit ${code}\n${err}`));
      const stdout = Buffer.concat(out);
      if (stdoutFile) writeFileSync(stdoutFile, stdout);
      done({ stdout, stderr: err });
    });
  });
}

/** One timed run: wall and CPU (user + sys) seconds from /usr/bin/time, and a hash of the output. */
async function measure(bin, scenario, file) {
  const args = [
    '-f',
    '%e %U %S',
    process.execPath,
    bin,
    '--from',
    file,
    ...scenario.args,
    '-o',
    'ndjson',
    ...(opt.parallelism ? ['-p', opt.parallelism] : []),
    scenario.query,
  ];
  const { stdout, stderr } = await run('/usr/bin/time', args);
  const [wall, user, sys] = stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { wall, cpu: user + sys, hash: createHash('sha1').update(stdout).digest('hex') };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const file = await dataFile();
const names = opt.scenarios ? opt.scenarios.split(',') : scenarioNames;
const runs = Number(opt.runs);
const results = [];
process.stderr.write(`compare: ${file}, ${runs} runs each, alternating base and current\n`);
for (const name of names) {
  const scenario = scenarios.find((s) => s.name === name);
  const m = { base: [], current: [] };
  for (let i = 0; i < runs; i++) {
    for (const side of i % 2 === 0 ? ['base', 'current'] : ['current', 'base']) m[side].push(await measure(builds[side], scenario, file));
  }
  const same = new Set([...m.base, ...m.current].map((r) => r.hash)).size === 1;
  const row = { scenario: name, same };
  for (const side of ['base', 'current']) {
    const cpu = m[side].map((r) => r.cpu);
    row[side] = { wall: median(m[side].map((r) => r.wall)), cpu: median(cpu), cpuMin: Math.min(...cpu) };
  }
  row.ratio = { wall: row.current.wall / row.base.wall, cpu: row.current.cpu / row.base.cpu, cpuMin: row.current.cpuMin / row.base.cpuMin };
  results.push(row);
  process.stderr.write(
    `${name.padEnd(16)} base ${row.base.wall.toFixed(2)} s wall / ${row.base.cpu.toFixed(2)} s CPU   current ${row.current.wall.toFixed(2)} / ${row.current.cpu.toFixed(2)}   ` +
      `current/base wall ${row.ratio.wall.toFixed(3)} CPU ${row.ratio.cpu.toFixed(3)} (min CPU ${row.ratio.cpuMin.toFixed(3)})${same ? '' : '   OUTPUTS DIFFER'}\n`,
  );
}
const out = opt.out ?? join(HERE, 'results', `compare-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  JSON.stringify(
    {
      machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, node: process.version },
      data: file,
      runs,
      parallelism: opt.parallelism ?? 'default',
      results,
    },
    null,
    2,
  ),
);
process.stderr.write(`compare: results in ${out}\n`);
if (results.some((r) => !r.same)) process.exit(1);

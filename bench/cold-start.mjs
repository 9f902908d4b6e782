#!/usr/bin/env node
// Cold start: `echo '{}' | fstream json`, against `node -e 0` in the same run (median of --runs).
//   npm run bench -- cold-start [--runs 20]
// CPU time (user+sys) is the children's, read from /proc/self/stat after each one is reaped
// (Linux; 10 ms ticks, so it is given as the mean over all runs).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: opt } = parseArgs({ options: { runs: { type: 'string', default: '20' } } });
const runs = Number(opt.runs);
const FSTREAM = join(ROOT, 'bin', 'fstream');

/** Children's CPU seconds so far (cutime + cstime), or null off Linux. */
function childCpu() {
  if (!existsSync('/proc/self/stat')) return null;
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[13]) + Number(f[14])) / 100;
}

function measure(name, cmd, args, input) {
  const walls = [];
  const cpu0 = childCpu();
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { input, stdio: ['pipe', 'pipe', 'pipe'] });
    walls.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status !== 0) throw new Error(`${name} exited ${r.status}: ${r.stderr}`);
  }
  const cpu1 = childCpu();
  walls.sort((a, b) => a - b);
  return { name, medianMs: walls[walls.length >> 1], minMs: walls[0], cpuMsMean: cpu0 === null ? null : ((cpu1 - cpu0) * 1000) / runs };
}

const rows = [
  measure('node -e 0', process.execPath, ['-e', '0']),
  measure("echo '{}' | fstream json", process.execPath, [FSTREAM, 'json'], '{}\n'),
  measure('fstream --version', process.execPath, [FSTREAM, '--version']),
];
for (const r of rows) {
  const cpu = r.cpuMsMean === null ? '' : `  CPU ${r.cpuMsMean.toFixed(0)} ms (mean)`;
  process.stdout.write(`${r.name.padEnd(28)} median ${r.medianMs.toFixed(0)} ms  min ${r.minMs.toFixed(0)} ms${cpu}\n`);
}

#!/usr/bin/env node
// Checkpoint cost: the benchmark's tumbling scenario with no
// state, and with --state checkpointing every 1s and every 10s, in one script; times as ratios
// to the no-state run. Then the state size and checkpoint time with 1M open keys.
// Usage: node bench/checkpoint-cost.mjs [--data FILE] [-p N]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values: opt } = parseArgs({
  options: { data: { type: 'string', default: 'bench/data/access-1GB-42.ndjson' }, p: { type: 'string', short: 'p', default: '1' } },
});
const BIN = path.resolve('bin/fstream');
const tmp = mkdtempSync(path.join(tmpdir(), 'fstream-cpcost-'));

function run(args, input) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, FSTREAM_REPORT_RSS: '1' }, input, maxBuffer: 1 << 30, encoding: 'utf8' });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(r.stderr);
  const stats = JSON.parse(/fstream-stats (\{.*\})/.exec(r.stderr)[1]);
  return { seconds, stats };
}

const query = 'json | window tumbling 1m | count by status';
const base = ['-p', opt.p, '--from', opt.data, '--time', 'ts', '--lag', '5s', '--to', path.join(tmp, 'out.ndjson')];
const none = run([...base, query]);
console.log(`no state: ${none.seconds.toFixed(2)} s`);
for (const interval of ['1s', '10s']) {
  const dir = path.join(tmp, `state-${interval}`);
  const r = run([...base, '--state', dir, '--checkpoint-interval', interval, query]);
  const c = r.stats.checkpoints;
  console.log(
    `checkpoint every ${interval}: ${r.seconds.toFixed(2)} s = ${(r.seconds / none.seconds).toFixed(3)} x no state; ${c.count} checkpoints, mean ${c.meanMs.toFixed(1)} ms, max ${c.maxMs.toFixed(1)} ms`,
  );
}

// 1M open keys: a global window that stays open while stdin is quiet, checkpointed from the tick.
const keys = path.join(tmp, 'keys.ndjson');
const lines = [];
for (let i = 0; i < 1_000_000; i++) lines.push(`{"k":"key-${i}"}`);
writeFileSync(keys, lines.join('\n') + '\n');
const dir = path.join(tmp, 'state-1m');
await new Promise((resolve, reject) => {
  const sh = spawn(
    'bash',
    [
      '-c',
      `(cat ${keys}; sleep 12) | FSTREAM_REPORT_RSS=1 ${process.execPath} ${BIN} -p 1 --state ${dir} --checkpoint-interval 1s 'json | window global | count by k' > /dev/null`,
    ],
    { stdio: 'inherit' },
  );
  setTimeout(() => {
    const ls = spawnSync(process.execPath, [BIN, 'state', 'ls', dir], { encoding: 'utf8' });
    const du = spawnSync('du', ['-sk', dir], { encoding: 'utf8' });
    console.log(`1M open keys: ${ls.stdout.split('\n')[0]}`);
    console.log(`1M open keys: state directory ${(Number(du.stdout.split('\t')[0]) / 1024).toFixed(1)} MiB on disk`);
  }, 11000);
  sh.on('close', resolve);
  sh.on('error', reject);
});
rmSync(tmp, { recursive: true, force: true });

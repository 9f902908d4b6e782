#!/usr/bin/env node
// The README's performance table, rendered from `bench/run.mjs` results:
//   node bench/table.mjs DEFAULT.json [P1.json]
// DEFAULT.json: a run at the default parallelism with --peers; P1.json: the same data at -p 1.
// Prints markdown: the machine and commands, then one row per scenario (wall and CPU seconds).
import { readFileSync } from 'node:fs';

const LABELS = {
  filter: 'filter `status >= 500`',
  'tumbling-status': 'tumbling 1m count by status',
  'tumbling-route': 'tumbling 1m count, avg, sum, max, p95 by route',
  'sliding-users': 'sliding 5m every 1m distinct users by host',
  'session-user': 'session 30s count by user',
};

const [mainPath, p1Path] = process.argv.slice(2);
if (!mainPath) {
  process.stderr.write('usage: node bench/table.mjs DEFAULT.json [P1.json]\n');
  process.exit(2);
}
const main = JSON.parse(readFileSync(mainPath, 'utf8'));
const p1 = p1Path ? JSON.parse(readFileSync(p1Path, 'utf8')) : null;
if (p1 && p1.data.bytes !== main.data.bytes) throw new Error('the two results are of different data files');

const s = (x, d = 2) => (x === null || x === undefined ? '–' : x.toFixed(d));
const pair = (r) => (r ? `${s(r.seconds)} s / ${s(r.cpuSeconds)} s` : '–');
const m = main.machine;
const runs = main.settings.runsPerMeasurement;
const out = [];
out.push(
  `${m.cores}-core ${m.cpu}, Node ${m.node.replace(/^v/, '')}, ${m.memGiB} GiB; load average ${m.loadAvgAtStart?.join(' ')} at the start. ` +
    `${main.data.mb} MiB, ${main.data.lines} lines (\`node bench/gen.mjs\`, seed ${main.data.seed}); median of ${runs} run${runs > 1 ? 's' : ''} each.`,
);
out.push('');
out.push('```sh');
out.push(`node bench/run.mjs --data ${main.data.file} --runs ${runs}${main.peers ? ' --peers' : ''}`);
if (p1) out.push(`node bench/run.mjs --data ${p1.data.file} --runs ${p1.settings.runsPerMeasurement} -p 1`);
out.push(`node bench/table.mjs ${mainPath}${p1Path ? ` ${p1Path}` : ''}`);
out.push('```');
out.push('');
const peers = main.peers && !main.peers.skipped ? main.peers : null;
const head = ['scenario'];
if (p1) head.push('fstream -p 1 (wall / CPU)');
head.push(`fstream default -p (wall / CPU)`);
if (peers) head.push(`DuckDB ${peers.version ?? ''} ${peers.threads} threads (wall / CPU)`, 'fstream / DuckDB wall', 'results');
head.push('fstream peak RSS');
out.push(`| ${head.join(' | ')} |`);
out.push(`| ${head.map(() => '---').join(' | ')} |`);
for (const r of main.scenarios) {
  const row = [LABELS[r.scenario] ?? r.scenario];
  if (p1) row.push(pair(p1.scenarios.find((x) => x.scenario === r.scenario)));
  row.push(pair(r));
  if (peers) {
    const d = peers.scenarios.find((x) => x.scenario === r.scenario);
    row.push(pair(d), d?.fstreamOverDuckdb ? s(d.fstreamOverDuckdb) : '–', d?.check?.ok ? 'equal' : 'DIFFER');
  }
  const rss = [p1?.scenarios.find((x) => x.scenario === r.scenario)?.maxRssMb, r.maxRssMb];
  row.push(p1 ? `${s(rss[0], 0)} / ${s(rss[1], 0)} MB` : `${s(rss[1], 0)} MB`);
  out.push(`| ${row.join(' | ')} |`);
}
process.stdout.write(`${out.join('\n')}\n`);

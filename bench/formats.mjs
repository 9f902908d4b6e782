#!/usr/bin/env node
// Decoder micro-benchmark: full decode vs projection push-down (only the fields a query reads)
// for the logfmt, csv, tsv and nginx formats, in one process, on lines generated in memory.
//
//   npm run build && node bench/formats.mjs [--lines 200000] [--runs 5] [--seed 42]
//
// Uses the built decoders in dist/ (createDecoder, as the engine calls it). For nginx it also
// times a projection through the full decoder's regex (no scanner), as a baseline.
// Prints, per format and field set, the median time of a pass over all lines and the ratio
// full / projected (> 1: the projection is faster). Not part of `npm test`.
import { parseArgs } from 'node:util';
import { createDecoder } from '../dist/io/formats/create-decoder.js';
import { CLF_REGEX } from '../dist/io/formats/clf.js';
import { dash, numeric, splitRequest, unescapeQuoted } from '../dist/io/formats/clf-values.js';

const { values: opt } = parseArgs({
  options: {
    lines: { type: 'string', default: '200000' },
    runs: { type: 'string', default: '5' },
    seed: { type: 'string', default: '42' },
  },
});
const LINES = Number(opt.lines);
const RUNS = Number(opt.runs);

// mulberry32, as in bench/gen.mjs: same seed => same lines.
let state = Number(opt.seed) | 0;
function rnd() {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
const int = (n) => Math.floor(rnd() * n);

const SERVICES = ['api', 'auth', 'billing', 'search', 'web', 'worker'];
const LEVELS = ['info', 'info', 'info', 'debug', 'warn', 'error'];
const ROUTES = ['/api/v1/orders', '/api/v1/orders/:id', '/api/v2/users', '/search', '/static/app.js', '/login'];
const METHODS = ['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE'];
const STATUSES = [200, 200, 200, 200, 201, 204, 301, 304, 400, 404, 500, 502, 503];
const AGENTS = [
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36',
  'curl/8.5.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_2) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2',
  'python-requests/2.31.0',
  'Go-http-client/1.1',
];

function event(i) {
  const ms = Date.UTC(2026, 2, 1, 10) + i * 7 + int(5);
  return {
    ts: new Date(ms).toISOString(),
    level: pick(LEVELS),
    service: pick(SERVICES),
    host: `web-${int(20)}`,
    method: pick(METHODS),
    route: pick(ROUTES),
    status: pick(STATUSES),
    latency_ms: Math.round(rnd() * 50000) / 100,
    bytes: int(100000),
    user: `u${int(50000)}`,
    ua: pick(AGENTS),
    ip: `10.${int(256)}.${int(256)}.${int(256)}`,
  };
}

const events = Array.from({ length: LINES }, (_, i) => event(i));

const logfmt = events.map(
  (e) =>
    `ts=${e.ts} level=${e.level} service=${e.service} host=${e.host} method=${e.method} ` +
    `route=${e.route} status=${e.status} latency_ms=${e.latency_ms} bytes=${e.bytes} user=${e.user} ` +
    `msg="request done" ua="${e.ua}"`,
);
const CSV_COLUMNS = ['ts', 'level', 'service', 'host', 'method', 'route', 'status', 'latency_ms', 'bytes', 'user', 'ua'];
const csvCell = (v) => (typeof v === 'string' && /[",]/.test(v) ? `"${v.replaceAll('"', '""')}"` : String(v));
const csv = [CSV_COLUMNS.join(','), ...events.map((e) => CSV_COLUMNS.map((c) => csvCell(e[c])).join(','))];
const tsv = [CSV_COLUMNS.join('\t'), ...events.map((e) => CSV_COLUMNS.map((c) => String(e[c])).join('\t'))];
const nginx = events.map((e) => {
  const t = new Date(e.ts);
  const day = `${String(t.getUTCDate()).padStart(2, '0')}/Mar/2026:${t.toISOString().slice(11, 19)} +0000`;
  const bytes = e.status === 304 ? '-' : e.bytes;
  return (
    `${e.ip} - - [${day}] "${e.method} ${e.route.replace(':id', String(int(1000)))} HTTP/1.1" ${e.status} ${bytes} ` +
    `"https://example.com${pick(ROUTES)}" "${e.ua}" rt=${e.latency_ms / 1000}`
  );
});

// nginx projection without the scanner: the full decoder's regex, then only the wanted fields
// built (a baseline that shows what `scanClf` adds over simply building fewer fields).
const regexProjected = (fields) => ({
  decode(line) {
    const m = CLF_REGEX.exec(line);
    if (m === null) throw new Error('no match');
    const rec = {};
    for (const f of fields)
      rec[f] = f === 'status' || f === 'bytes' ? numeric(m[f === 'status' ? 6 : 7]) : f === 'remote_addr' ? dash(m[1]) : splitRequest(unescapeQuoted(m[5]))[1];
    return rec;
  },
});

/** Lines as the engine sees them: flat strings decoded from bytes (not concatenation trees). */
const flat = (lines) => lines.map((l) => Buffer.from(l).toString('utf8'));

const csvLines = flat(csv);
const tsvLines = flat(tsv);
const SUITES = [
  {
    name: 'logfmt',
    kind: 'logfmt',
    lines: flat(logfmt),
    sets: [
      ['service', 'status'],
      ['latency_ms', 'route', 'status'],
    ],
  },
  {
    name: 'csv',
    kind: 'csv',
    lines: csvLines,
    sets: [
      ['service', 'status'],
      ['latency_ms', 'route', 'status'],
    ],
  },
  {
    name: 'tsv',
    kind: 'tsv',
    lines: tsvLines,
    sets: [
      ['service', 'status'],
      ['latency_ms', 'route', 'status'],
    ],
  },
  {
    name: 'nginx',
    kind: 'nginx',
    lines: flat(nginx),
    sets: [
      ['path', 'status'],
      ['bytes', 'remote_addr', 'status'],
    ],
  },
];

/** One pass over all lines with a fresh decoder; returns milliseconds. */
function pass(make, lines) {
  const d = make();
  let records = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < lines.length; i++) {
    const rec = d.decode(lines[i]);
    if (rec !== undefined) records++;
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (records !== lines.length - (lines === csvLines || lines === tsvLines ? 1 : 0)) throw new Error('lines lost');
  return ms;
}

/** Checks on the first lines that the projection gives the full records' fields (same order). */
function checkSame(kind, fields, lines) {
  const full = createDecoder({ kind }, { fields: null });
  const proj = createDecoder({ kind }, { fields });
  for (const line of lines.slice(0, 1000)) {
    const a = full.decode(line);
    const want = a === undefined ? undefined : JSON.stringify(Object.entries(a).filter(([k]) => fields.includes(k)));
    const got = proj.decode(line);
    if ((got === undefined ? undefined : JSON.stringify(Object.entries(got))) !== want) {
      throw new Error(`${kind} ${fields}: projection differs on ${line}`);
    }
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Times the variants interleaved (run r of each before run r + 1 of any), after one warm-up pass. */
function measure(variants, lines) {
  const times = variants.map(() => []);
  for (let r = -1; r < RUNS; r++) {
    variants.forEach((v, k) => {
      const ms = pass(v.make, lines);
      if (r >= 0) times[k].push(ms);
    });
  }
  return times.map(median);
}

const fmt = (ms) => ms.toFixed(1).padStart(8);
const mb = (lines) => lines.reduce((n, l) => n + l.length + 1, 0) / 2 ** 20;

console.log(`formats bench: ${LINES} lines per format, seed ${opt.seed}, median of ${RUNS} runs, Node ${process.version}`);
console.log('format  fields                          full ms  proj ms  full/proj   ns/line full→proj');
for (const s of SUITES) {
  const variants = [
    { make: () => createDecoder({ kind: s.kind }, { fields: null }) },
    ...s.sets.map((fields) => ({ make: () => createDecoder({ kind: s.kind }, { fields }) })),
  ];
  if (s.kind === 'nginx') variants.push(...s.sets.map((fields) => ({ make: () => regexProjected(fields) })));
  for (const fields of s.sets) checkSame(s.kind, fields, s.lines);
  const [fullMs, ...rest] = measure(variants, s.lines);
  s.sets.forEach((fields, k) => {
    const ms = rest[k];
    const perLine = (x) => ((x * 1e6) / s.lines.length).toFixed(0);
    console.log(
      `${s.name.padEnd(7)} ${fields.join(',').padEnd(30)} ${fmt(fullMs)} ${fmt(ms)} ` +
        `${(fullMs / ms).toFixed(2).padStart(9)}x  ${perLine(fullMs)}→${perLine(ms)}`,
    );
  });
  if (s.kind === 'nginx') {
    s.sets.forEach((fields, k) => {
      const ms = rest[s.sets.length + k];
      console.log(
        `  regex, then ${fields.join(',').padEnd(24)} ${fmt(fullMs)} ${fmt(ms)} ${(fullMs / ms).toFixed(2).padStart(9)}x` +
          `  (projection without the scanner)`,
      );
    });
  }
  console.log(`        (${mb(s.lines).toFixed(1)} MB of ${s.name})`);
}

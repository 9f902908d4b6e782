#!/usr/bin/env node
// Benchmark data generator: a deterministic stream of web access-log events.
//
//   node bench/gen.mjs --out bench/data/access.ndjson --size 1GB --seed 42
//   node bench/gen.mjs --lines 1000 --seed 1 --format nginx        # to stdout
//
// Options:
//   --out PATH        output file (parent directories are created); default / "-": stdout
//   --size N[KB|MB|GB] stop once this many bytes are written (binary units: 1GB = 2^30)
//   --lines N         stop after N lines (default 100000 when neither --size nor --lines)
//   --seed N          PRNG seed (default 42); same seed and options => same bytes
//   --format F        json (NDJSON, default) or nginx (combined log format + " rt=SECONDS host=HOST")
//   --rate N          events per second of event time (default 1000)
//   --disorder MS     maximum out-of-orderness (default 3000): each event's time is its position
//                     in the stream minus a jitter in [0, MS), skewed towards 0. With `--lag` >= MS
//                     no event is late.
//   --start ISO       event time of the first event (default 2026-03-01T10:00:00.000Z)
//   --unique-users    every line has its own user id (high-cardinality keys) instead of ~50k Zipf users
//
// JSON lines are ~200-245 bytes: {"ts","host","route","method","status","latency_ms","bytes","user","ua"}.
// ~200 routes and ~50k users, both Zipf-distributed; ~20 hosts; ~3% 5xx, ~3% 4xx.
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { parseSize } from './lib/size.mjs';

const { values: opt } = parseArgs({
  options: {
    out: { type: 'string' },
    size: { type: 'string' },
    lines: { type: 'string' },
    seed: { type: 'string', default: '42' },
    format: { type: 'string', default: 'json' },
    rate: { type: 'string', default: '1000' },
    disorder: { type: 'string', default: '3000' },
    start: { type: 'string', default: '2026-03-01T10:00:00.000Z' },
    'unique-users': { type: 'boolean', default: false },
  },
});

function fail(msg) {
  process.stderr.write(`gen: ${msg}\n`);
  process.exit(2);
}

const maxBytes = opt.size !== undefined ? parseSize(opt.size, fail, '500MB, 1GB').bytes : Infinity;
const maxLines = opt.lines !== undefined ? Number(opt.lines) : opt.size !== undefined ? Infinity : 100_000;
const seed = Number(opt.seed);
const rate = Number(opt.rate);
const disorder = Number(opt.disorder);
const startMs = Date.parse(opt.start);
if (!(maxLines >= 0)) fail(`bad --lines ${opt.lines}`);
if (!Number.isInteger(seed)) fail(`bad --seed ${opt.seed}`);
if (!(rate > 0)) fail(`bad --rate ${opt.rate}`);
if (!(disorder >= 0)) fail(`bad --disorder ${opt.disorder}`);
if (Number.isNaN(startMs)) fail(`bad --start ${opt.start}`);
if (opt.format !== 'json' && opt.format !== 'nginx') fail(`bad --format ${opt.format} (json or nginx)`);

// mulberry32: tiny, fast, good enough for test data.
let state = seed | 0;
function rnd() {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** Cumulative Zipf(s) weights over n ranks, for sampling by binary search. */
function zipfCdf(n, s) {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cdf[i] = sum += 1 / (i + 1) ** s;
  for (let i = 0; i < n; i++) cdf[i] /= sum;
  return cdf;
}
function sample(cdf, u) {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid] < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const RESOURCES = [
  'orders',
  'users',
  'products',
  'carts',
  'payments',
  'invoices',
  'shipments',
  'reviews',
  'search',
  'sessions',
  'accounts',
  'inventory',
  'coupons',
  'alerts',
  'messages',
  'reports',
  'teams',
  'projects',
  'files',
  'events',
];
const TEMPLATES = [
  '/api/v1/R',
  '/api/v1/R/:id',
  '/api/v1/R/:id/items',
  '/api/v2/R',
  '/api/v2/R/:id',
  '/api/v1/R/:id/history',
  '/api/v2/R/:id/status',
  '/R',
  '/R/:id',
  '/static/R.js',
];
const ROUTES = [];
for (const t of TEMPLATES) for (const r of RESOURCES) ROUTES.push(t.replace('R', r));
// Interleave so that the popular (low) ranks are spread over resources and templates.
ROUTES.sort((a, b) => hash(a) - hash(b));
function hash(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
const ROUTE_CDF = zipfCdf(ROUTES.length, 1.0);
const USERS = 50_000;
const USER_CDF = zipfCdf(USERS, 1.05);
const HOSTS = Array.from({ length: 20 }, (_, i) => `web-${String(i + 1).padStart(2, '0')}`);
const UAS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/122.0.0.0 Safari/537',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_3) Version/17.3 Safari/605.1',
  'Mozilla/5.0 (X11; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X) Mobile/15E148',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/122.0.6261.64 Mobile',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Edg/122.0.2365.66 Chrome/122',
  'curl/8.5.0 (x86_64-pc-linux-gnu) libcurl/8.5.0 OpenSSL/3.0.13 zlib/1.3',
  'python-requests/2.31.0 (CPython 3.12.2; Linux x86_64; internal-batch)',
  'Go-http-client/1.1 (internal health checker; team=platform; v=2.4.1)',
  'okhttp/4.12.0 (Android 13; Samsung SM-S918B; app=shop/5.2.1; build=77)',
];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pickMethod(route, u) {
  if (route.startsWith('/static') || route.startsWith('/api/v2/search')) return 'GET';
  if (route.endsWith(':id')) return u < 0.8 ? 'GET' : u < 0.93 ? 'PUT' : 'DELETE';
  return u < 0.85 ? 'GET' : 'POST';
}
function pickStatus(method, u) {
  if (u < 0.03) return u < 0.015 ? 500 : u < 0.021 ? 502 : u < 0.027 ? 503 : 504;
  if (u < 0.06) return u < 0.04 ? 404 : u < 0.05 ? 400 : u < 0.055 ? 401 : 403;
  if (u < 0.08) return method === 'GET' ? 304 : 200;
  return method === 'POST' ? 201 : method === 'DELETE' ? 204 : 200;
}

// Time strings are cached per second: formatting dates is the slowest part otherwise.
const isoSec = new Float64Array(16).fill(NaN);
const isoStr = new Array(16);
function isoTime(ms) {
  const sec = Math.floor(ms / 1000);
  const slot = sec & 15;
  if (isoSec[slot] !== sec) {
    isoSec[slot] = sec;
    isoStr[slot] = new Date(sec * 1000).toISOString().slice(0, 20);
  }
  const frac = ms - sec * 1000;
  return isoStr[slot] + (frac < 10 ? '00' : frac < 100 ? '0' : '') + frac + 'Z';
}
function clfTime(ms) {
  const sec = Math.floor(ms / 1000);
  const slot = sec & 15;
  if (isoSec[slot] !== sec) {
    isoSec[slot] = sec;
    const d = new Date(sec * 1000);
    const p = (n) => String(n).padStart(2, '0');
    isoStr[slot] =
      `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:` + `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
  }
  return isoStr[slot];
}

const nginx = opt.format === 'nginx';
const uniqueUsers = opt['unique-users'];
const msPerEvent = 1000 / rate;

/** One event, formatted. Draws the same random numbers in the same order for both formats. */
function line(i) {
  const ts = Math.floor(startMs + i * msPerEvent - disorder * rnd() ** 3);
  const host = HOSTS[Math.floor(rnd() * HOSTS.length)];
  const route = ROUTES[sample(ROUTE_CDF, rnd())];
  const method = pickMethod(route, rnd());
  const status = pickStatus(method, rnd());
  const slow = status >= 500 ? 40 : 1;
  const latency = Math.round((0.5 + 8 * slow * -Math.log(1 - rnd())) * 10) / 10;
  const size = status === 204 || status === 304 ? 0 : 120 + Math.floor(rnd() ** 3 * 60_000);
  const zipfUser = sample(USER_CDF, rnd()) + 1;
  // Multiplying by an odd constant is a bijection mod 2^32: distinct ids, not in line order.
  const userIdx = uniqueUsers ? Math.imul(i + 1, 0x9e3779b1) >>> 0 : zipfUser;
  const ua = UAS[Math.floor(rnd() * UAS.length)];
  const id = 1 + Math.floor(rnd() * 1_000_000);
  if (nginx) {
    const ip = `10.${(userIdx >> 16) & 255}.${(userIdx >> 8) & 255}.${userIdx & 255}`;
    const at = route.indexOf(':id');
    const path = at < 0 ? route : route.slice(0, at) + id + route.slice(at + 3);
    const ms = Math.round(latency);
    const frac = ms % 1000;
    const rt = `${(ms - frac) / 1000}.${frac < 10 ? '00' : frac < 100 ? '0' : ''}${frac}`;
    return `${ip} - u${userIdx} [${clfTime(ts)}] "${method} ${path} HTTP/1.1" ${status} ${size} "-" "${ua}" rt=${rt} host=${host}\n`;
  }
  return (
    `{"ts":"${isoTime(ts)}","host":"${host}","route":"${route}","method":"${method}","status":${status},` +
    `"latency_ms":${latency},"bytes":${size},"user":"u${userIdx}","ua":"${ua}"}\n`
  );
}

const toStdout = opt.out === undefined || opt.out === '-';
if (!toStdout) mkdirSync(dirname(opt.out), { recursive: true });
const out = toStdout ? process.stdout : createWriteStream(opt.out, { highWaterMark: 1 << 22 });
out.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  fail(err.message);
});

const BATCH_BYTES = 1 << 22;
let written = 0;
let i = 0;
while (i < maxLines && written < maxBytes) {
  // Lines go straight into a buffer: a multi-megabyte string built by += is a rope that survives
  // into the old generation and costs more in GC than everything else together.
  const buf = Buffer.allocUnsafe(BATCH_BYTES + 4096);
  let len = 0;
  while (len < BATCH_BYTES && i < maxLines && written + len < maxBytes) {
    len += buf.write(line(i++), len, 'latin1'); // ASCII only: characters == bytes
  }
  const batch = buf.subarray(0, len);
  written += len;
  if (!out.write(batch)) await new Promise((resolve) => out.once('drain', resolve));
}
if (!toStdout) {
  out.end();
  await new Promise((resolve) => out.once('finish', resolve));
}

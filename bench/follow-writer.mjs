#!/usr/bin/env node
// The appending side of `bench/follow.mjs`: appends NDJSON lines to a file at a fixed rate, each
// line carrying the time it was written.
//
//   node bench/follow-writer.mjs --file PATH --rate 20000 --seconds 10 [--first-seq 0]
//
// Every ~1 ms tick it appends, in one write(2), the lines that are due by then (rate × elapsed −
// written), so the rate holds however late the timer fires. A line:
//
//   {"ts":"<ISO>","seq":N,"t_ns":<process.hrtime.bigint() just before the write>,"status":S,...}
//
// `t_ns` is CLOCK_MONOTONIC in ns: one clock for every process of the machine, so the reader
// compares it with its own process.hrtime.bigint(). status is 200 when seq % 4 == 3, else 5xx:
// `where status >= 500` keeps 3 lines in 4. Prints a JSON summary on stdout when done.
import { closeSync, openSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values: opt } = parseArgs({
  options: {
    file: { type: 'string' },
    rate: { type: 'string' },
    seconds: { type: 'string' },
    'first-seq': { type: 'string', default: '0' },
  },
});
const rate = Number(opt.rate);
const seconds = Number(opt.seconds);
const firstSeq = Number(opt['first-seq']);
if (!opt.file || !(rate > 0) || !(seconds > 0) || !Number.isInteger(firstSeq)) {
  process.stderr.write('usage: node bench/follow-writer.mjs --file PATH --rate N --seconds S [--first-seq N]\n');
  process.exit(2);
}

const STATUS = [500, 502, 503, 200];
const ROUTES = ['/api/v1/orders', '/api/v1/users/:id', '/api/v2/search', '/static/app.js', '/api/v1/carts/:id/items'];
const total = Math.round(rate * seconds);
const fd = openSync(opt.file, 'a');

let written = 0;
let writes = 0;
let maxBatch = 0;
let maxTickGapMs = 0;
const t0 = process.hrtime.bigint();
let lastTick = t0;

function tick() {
  const now = process.hrtime.bigint();
  maxTickGapMs = Math.max(maxTickGapMs, Number(now - lastTick) / 1e6);
  lastTick = now;
  const due = Math.min(total, Math.floor((Number(now - t0) / 1e9) * rate));
  if (due > written) {
    const tNs = process.hrtime.bigint();
    const ts = new Date().toISOString();
    let batch = '';
    for (let i = written; i < due; i++) {
      const seq = firstSeq + i;
      batch +=
        `{"ts":"${ts}","seq":${seq},"t_ns":${tNs},"status":${STATUS[seq & 3]},"route":"${ROUTES[seq % ROUTES.length]}",` +
        `"host":"web-${String(1 + (seq % 20)).padStart(2, '0')}","latency_ms":${(seq % 997) / 10},"bytes":${(seq * 7919) % 60000}}\n`;
    }
    const bytes = Buffer.from(batch, 'latin1'); // ASCII only
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off); // one write(2) unless the kernel takes less
    writes++;
    maxBatch = Math.max(maxBatch, due - written);
    written = due;
  }
  if (written < total) setTimeout(tick, 1);
  else finish();
}

function finish() {
  closeSync(fd);
  const elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
  process.stdout.write(`${JSON.stringify({ lines: written, firstSeq, writes, maxBatch, maxTickGapMs, seconds: elapsed, rate: written / elapsed })}\n`);
}

setTimeout(tick, 1);

#!/usr/bin/env node
// Plain-Node baseline: the least a JavaScript NDJSON processor has to do on one core.
// Reads FILE with big reads, splits lines on "\n", JSON.parse()s each line, counts status >= 500.
// Prints one JSON line: {"lines":N,"status5xx":M,"bad":B,"ms":T}.
//
//   node bench/peers/node-baseline.mjs FILE
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node bench/peers/node-baseline.mjs FILE\n');
  process.exit(2);
}

const t0 = performance.now();
const fd = openSync(file, 'r');
const buf = Buffer.allocUnsafe(4 << 20);
const decoder = new StringDecoder('utf8'); // keeps a multi-byte character cut by a read whole
let carry = '';
let lines = 0;
let status5xx = 0;
let bad = 0;

function line(s) {
  if (s.length === 0) return;
  lines++;
  let r;
  try {
    r = JSON.parse(s);
  } catch {
    bad++;
    return;
  }
  if (r !== null && r.status >= 500) status5xx++;
}

for (;;) {
  const n = readSync(fd, buf, 0, buf.length, null);
  if (n === 0) break;
  const text = carry + decoder.write(buf.subarray(0, n));
  let start = 0;
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
    line(text.slice(start, nl));
    start = nl + 1;
  }
  carry = text.slice(start);
}
line(carry + decoder.end());
closeSync(fd);

const { userCPUTime, systemCPUTime } = process.resourceUsage();
const cpuMs = (userCPUTime + systemCPUTime) / 1000;
process.stdout.write(`${JSON.stringify({ lines, status5xx, bad, ms: performance.now() - t0, cpuMs })}\n`);

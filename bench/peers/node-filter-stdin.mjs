#!/usr/bin/env node
// Plain-Node baseline for the latency of live inputs (bench/follow.mjs): what
// `json | where status >= 500 | select seq, t_ns` costs on one thread with nothing in between.
// Reads stdin as it comes, JSON.parse()s every line, and writes the kept lines of each chunk in
// one write to stdout. Ends at the end of stdin.
//
//   tail -n +1 -F FILE | node bench/peers/node-filter-stdin.mjs
import { StringDecoder } from 'node:string_decoder';

const decoder = new StringDecoder('utf8');
let carry = '';

process.stdin.on('data', (chunk) => {
  const text = carry + decoder.write(chunk);
  let out = '';
  let start = 0;
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
    const line = text.slice(start, nl);
    start = nl + 1;
    let r;
    try {
      r = JSON.parse(line);
    } catch {
      continue;
    }
    if (r.status >= 500) out += `${JSON.stringify({ seq: r.seq, t_ns: r.t_ns })}\n`;
  }
  carry = text.slice(start);
  if (out) process.stdout.write(out);
});
process.stdout.on('error', () => process.exit(0));

#!/usr/bin/env node
// The S3 endpoint of bench/s3.mjs: s3rver (a JavaScript S3 server, a devDependency) on 127.0.0.1,
// in its own process so that its CPU time is its own. Started by bench/s3.mjs as
//
//   node --openssl-legacy-provider bench/s3-server.mjs --directory DIR [--reset]
//
// (s3rver encrypts ListObjectsV2 continuation tokens with DES, which OpenSSL 3 only has in its
// legacy provider: without the flag a listing of more than 1,000 keys fails with an InternalError
// already on its first page, the one that needs a token). Prints one line
// `{"port":N}` on stdout once it listens; runs until its stdin ends (the parent closed it, or
// died) or SIGTERM, then closes the server and prints `{"cpu":{"user":µs,"system":µs}}`
// (process.cpuUsage: all threads) as its last stdout line. `--reset` empties DIR on close.
import { parseArgs } from 'node:util';
import S3rver from 's3rver';

const { values: opt } = parseArgs({
  options: {
    directory: { type: 'string' },
    reset: { type: 'boolean', default: false },
  },
});
if (!opt.directory) {
  process.stderr.write('s3-server: --directory DIR is required\n');
  process.exit(2);
}

const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: opt.directory, resetOnClose: opt.reset });
const { port } = await server.run();
process.stdout.write(`${JSON.stringify({ port })}\n`);

let closing = false;
async function close() {
  if (closing) return;
  closing = true;
  await server.close().catch(() => {});
  process.stdout.write(`${JSON.stringify({ cpu: process.cpuUsage() })}\n`, () => process.exit(0));
}
process.stdin.on('end', close);
process.stdin.on('error', close);
process.stdin.resume();
process.on('SIGTERM', close);
process.on('SIGINT', close);

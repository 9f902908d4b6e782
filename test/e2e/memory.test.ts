import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/run-cli.js';

/**
 * Memory follows open windows × keys, not input size (windows that fired are freed,
 * chunks are not retained). Peak RSS for 300 MB of input must exceed that for 100 MB by less
 * than half the extra input: retaining chunks adds all of it (~200 MB), while two workers' heaps
 * sizing themselves under a loaded suite have varied by up to ~60 MB. A bound, not a timing.
 */
const tmp = mkdtempSync(path.join(tmpdir(), 'fstream-mem-'));
const small = path.join(tmp, 'small.ndjson');
const large = path.join(tmp, 'large.ndjson');

beforeAll(() => {
  execFileSync(process.execPath, ['bench/gen.mjs', '--size', '100MB', '--seed', '5', '--out', small], { cwd: ROOT });
  execFileSync(process.execPath, ['bench/gen.mjs', '--size', '300MB', '--seed', '5', '--out', large], { cwd: ROOT });
});

async function peakMb(file: string, p: number, query: string, extra: string[] = []): Promise<number> {
  const res = await runCli(['-p', String(p), '--from', file, ...extra, query], { env: { FSTREAM_REPORT_RSS: '1' }, timeoutMs: 60_000 });
  expect(res.code, res.stderr).toBe(0);
  const m = /fstream-stats (\{.*\})/.exec(res.stderr);
  return (JSON.parse(m![1]!) as { maxRssKb: number }).maxRssKb / 1024;
}

describe('memory does not grow with input size', () => {
  for (const [name, query, extra] of [
    ['filter', 'json | where status >= 500', []],
    ['tumbling', 'json | window tumbling 1m | count, p95(latency_ms) by route', ['--time', 'ts', '--lag', '5s']],
  ] as [string, string, string[]][]) {
    for (const p of [1, 2]) {
      it(`${name} at -p ${p}: 300 MB of input peaks within 100 MB of 100 MB of input`, async () => {
        const a = await peakMb(small, p, query, extra);
        const b = await peakMb(large, p, query, extra);
        expect(b - a).toBeLessThan(100);
      }, 120_000);
    }
  }
});

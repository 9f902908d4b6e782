import fc from 'fast-check';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatStage, HOSTILE_INPUT, linesOf, skippedLines, type Format } from '../support/hostile-input.js';
import { runCli } from '../support/run-cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'fstream-hostile-'));
const FORMATS: Format[] = ['json', 'logfmt', 'csv', 'tsv', 'lines', 'nginx', 'apache', 'regex'];
const MAX_LINE = 1 << 20;

/** Hostile inputs (a fixed sample per format), one file each; json and csv also hold a line over 1 MiB. */
function inputFor(format: Format, seed: number): Buffer {
  const parts = fc.sample(HOSTILE_INPUT[format], { seed, numRuns: 25 });
  if (format === 'json' || format === 'csv') parts.splice(12, 0, Buffer.from(`\n${'{"a":"'.repeat(2)}${'x'.repeat(MAX_LINE)}\n`));
  return Buffer.concat(parts.flatMap((p) => [p, Buffer.from('\n')]));
}

const count = (text: string): number => text.split('\n').filter((l) => l !== '').length;

describe('hostile input through bin/fstream: exit 0, no stack trace, every line accounted for', () => {
  for (const p of ['1', '2']) {
    it(`-p ${p}`, async () => {
      await Promise.all(
        FORMATS.map(async (format, k) => {
          const input = inputFor(format, 1000 + k);
          const file = path.join(tmp, `${format}-${p}.in`);
          const errors = path.join(tmp, `${format}-${p}.errors.ndjson`);
          writeFileSync(file, input);
          const res = await runCli(['--from', file, '--errors', errors, '-p', p, `${formatStage(format)} | where true`], { timeoutMs: 60_000 });
          const dead = existsSync(errors) ? count(readFileSync(errors, 'utf8')) : 0;
          const what = `${format}: ${res.stderr}`;
          expect(res.code, what).toBe(0);
          expect(res.stderr, what).not.toMatch(/\n\s+at |error:/);
          if (dead > 0) expect(res.stderr, what).toMatch(new RegExp(`^fstream: skipped ${dead} bad records? \\(written to `));
          else expect(res.stderr, what).toBe('');
          expect(count(res.stdout) + dead, what).toBe(linesOf(input).length - skippedLines(format, input, MAX_LINE));
        }),
      );
    }, 120_000);
  }
});

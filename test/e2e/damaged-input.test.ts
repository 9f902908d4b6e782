import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'fstream-damaged-'));
const numbers = (from: number, to: number): string => Array.from({ length: to - from + 1 }, (_, i) => `{"n":${from + i}}\n`).join('');

/** Three gzip files; the middle one cut short, so only its first part can be read. */
function glob(): { pattern: string; readable: number } {
  const dir = path.join(tmp, 'logs');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'a.gz'), gzipSync(numbers(1, 1000)));
  const whole = gzipSync(numbers(1001, 60000), { level: 1 });
  writeFileSync(path.join(dir, 'b.gz'), whole.subarray(0, Math.floor(whole.length / 2)));
  writeFileSync(path.join(dir, 'c.gz'), gzipSync(numbers(60001, 61000)));
  return { pattern: `${dir}/*.gz`, readable: 0 };
}

describe('a damaged input in a glob', () => {
  for (const p of [1, 2]) {
    it(`reads what can be read, reports the damage as one bad record and goes on (-p ${p})`, async () => {
      const { pattern } = glob();
      const errors = path.join(tmp, `errors-${p}.ndjson`);
      const res = await runCli(['-p', String(p), '--from', pattern, '--errors', errors, 'json | where n > 0']);
      expect(res.code, res.stderr).toBe(0);
      const ns = res.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as { n: number }).n);
      // Every line of a.gz and c.gz, and of b.gz a gapless prefix: nothing after the damage, nothing lost before it.
      const fromB = ns.filter((n) => n > 1000 && n <= 60000);
      expect(fromB.length).toBeGreaterThan(1000);
      expect(fromB).toEqual(Array.from({ length: fromB.length }, (_, i) => 1001 + i));
      expect(ns.filter((n) => n <= 1000)).toHaveLength(1000);
      expect(ns.filter((n) => n > 60000)).toHaveLength(1000);
      const bad = readFileSync(errors, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { source: string; line: number; error: string });
      expect(bad).toHaveLength(1);
      expect(bad[0]!.source).toBe(pattern.replace('*.gz', 'b.gz'));
      expect(bad[0]!.line).toBe(fromB.length + 1);
      expect(bad[0]!.error).toMatch(/not valid gzip data .*the rest of this input is skipped/);
      expect(res.stderr).toMatch(/^fstream: skipped 1 bad record/);
    });
  }

  it('counts the damage towards --max-errors (exit 1)', async () => {
    const { pattern } = glob();
    const res = await runCli(['--from', pattern, '--max-errors', '1', 'json | count']);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^error: stopped after 1 bad records .*b\.gz/);
  });
});

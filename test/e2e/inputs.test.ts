import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'fstream-e2e-'));
const lines = (s: string): string[] => s.split('\n').filter(Boolean);

describe('inputs', () => {
  it('reads gzip by its magic bytes, whatever the file is called, and accepts CRLF', async () => {
    writeFileSync(path.join(tmp, 'a.log'), gzipSync('{"n":1}\r\n{"n":2}\r\n'));
    writeFileSync(path.join(tmp, 'b.gz'), '{"n":3}\n');
    const res = await runCli(['--from', path.join(tmp, 'a.log'), '--from', path.join(tmp, 'b.gz'), 'json | eval m = n * 10']);
    expect(res.stderr).toBe('');
    expect(lines(res.stdout)).toEqual(['{"n":1,"m":10}', '{"n":2,"m":20}', '{"n":3,"m":30}']);
  });

  it('expands quoted globs with ** in path order', async () => {
    const dir = path.join(tmp, 'glob');
    mkdirSync(path.join(dir, 'x/y'), { recursive: true });
    writeFileSync(path.join(dir, 'x/1.ndjson'), '{"f":"x/1"}\n');
    writeFileSync(path.join(dir, 'x/y/2.ndjson'), '{"f":"x/y/2"}\n');
    writeFileSync(path.join(dir, 'x/y/skip.txt'), '{"f":"no"}\n');
    const res = await runCli(['--from', `${dir}/**/*.ndjson`, 'json']);
    expect(lines(res.stdout)).toEqual(['{"f":"x/1"}', '{"f":"x/y/2"}']);
  });

  it('reads the bundled gzip nginx logs with a glob (the README example)', async () => {
    const res = await runCli(['--from', 'fixtures/logs/*.log.gz', 'nginx | where bytes > 10000 | eval kb = bytes / 1024 | drop user_agent']);
    expect(res.code).toBe(0);
    const out = lines(res.stdout).map((l) => JSON.parse(l) as { bytes: number; kb: number; user_agent?: string });
    expect(out.length).toBeGreaterThan(10);
    for (const r of out) {
      expect(r.bytes).toBeGreaterThan(10000);
      expect(r.kb).toBeCloseTo(r.bytes / 1024, 9);
      expect(r.user_agent).toBeUndefined();
    }
  });

  it('replaces invalid UTF-8 with U+FFFD and goes on', async () => {
    const bad = Buffer.concat([Buffer.from('{"s":"a'), Buffer.from([0xff, 0xfe]), Buffer.from('b"}\n{"s":"ok"}\n')]);
    const res = await runCli(['json'], { stdin: bad });
    expect(lines(res.stdout)).toEqual(['{"s":"a\uFFFD\uFFFDb"}', '{"s":"ok"}']);
  });

  it('sends a line over 1 MiB to --errors with raw cut, and keeps line numbers right', async () => {
    const long = '{"x":"' + 'a'.repeat(1.5 * 1024 * 1024) + '"}';
    const errors = path.join(tmp, 'long-errors.ndjson');
    const res = await runCli(['--errors', errors, 'json'], { stdin: `{"n":1}\n${long}\n{"n":3}\n` });
    expect(lines(res.stdout)).toEqual(['{"n":1}', '{"n":3}']);
    const dead = lines(readFileSync(errors, 'utf8')).map((l) => JSON.parse(l) as { line: number; error: string; raw: string; truncated: boolean });
    expect(dead).toHaveLength(1);
    expect(dead[0]!.line).toBe(2);
    expect(dead[0]!.truncated).toBe(true);
    expect(dead[0]!.raw.length).toBeLessThan(10_000);
    expect(dead[0]!.error).toMatch(/longer than 1 MiB/);
  });

  for (const p of ['1', '2']) {
    it(`takes the first non-blank csv line that reads as a row as the header in every chunk, after blank, bad or over-long lines (-p ${p})`, async () => {
      // Over 2 MiB of rows: several chunks, decoded by different workers at -p 2.
      const rows = Array.from({ length: 250_000 }, (_, i) => `h${i % 7},${i}`).join('\n') + '\n';
      const blank = path.join(tmp, `blank-first-${p}.csv`);
      const long = path.join(tmp, `long-first-${p}.csv`);
      writeFileSync(blank, `\n  \r\nhost,n\n${rows}`);
      writeFileSync(long, `${'x'.repeat(1_100_000)}\nhost,n\n${rows}`);
      const bad = path.join(tmp, `bad-first-${p}.csv`);
      writeFileSync(bad, `"open,x\nhost,n\n${rows}`);
      const sum = (250_000 * 249_999) / 2;
      const skipped = (file: string, why: string): string => `fstream: skipped 1 bad record (use --errors FILE to keep them); first: ${file}:1: ${why}\n`;
      for (const [file, stderr] of [
        [blank, ''],
        [long, skipped(long, 'line longer than 1 MiB')],
        [bad, skipped(bad, 'csv: unterminated quoted field in column 1')],
      ] as const) {
        const res = await runCli(['--from', file, '-p', p, 'csv | count, sum(n), count_distinct(host)']);
        expect(res.stdout).toBe(`{"count":250000,"sum_n":${sum},"count_distinct_host":7}\n`);
        expect(res.stderr).toBe(stderr);
        expect(res.code).toBe(0);
      }
    });
  }

  it('a missing file: exit 1 and a message naming it, nothing on stdout', async () => {
    const res = await runCli(['--from', 'fixtures/nope.ndjson', 'json']);
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toBe('error: input not found: fixtures/nope.ndjson\n');
  });
});

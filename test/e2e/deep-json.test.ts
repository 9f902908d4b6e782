import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LiveCli } from '../support/live-cli.js';
import { runCli } from '../support/run-cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'fstream-deep-'));
const lines = (s: string): string[] => s.split('\n').filter(Boolean);

/** `{"a":{"a":...1...}}`: `levels` objects in all, the outermost one included. */
const objects = (levels: number): string => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
const arrays = (levels: number): string => '['.repeat(levels) + ']'.repeat(levels);
const DEEP = 100_000;

// Lines 1-4 nest too deep (the limit is 500 levels); lines 5-6 are records.
const input =
  [
    objects(DEEP),
    arrays(DEEP),
    `{"k":"arrays","a":${arrays(DEEP)}}`,
    `{"k":"just over","a":${objects(500)}}`,
    `{"k":"at the limit","a":${objects(499)}}`,
    '{"k":"flat","a":2}',
  ].join('\n') + '\n';

interface DeadLetter {
  line: number;
  error: string;
  raw: string;
  truncated?: boolean;
}

describe('JSON nested deeper than the decoder allows', () => {
  const file = path.join(tmp, 'deep.ndjson');
  writeFileSync(file, input);
  const queries: [string[], number][] = [
    [['json | select a'], 2],
    [['json | count by a'], 2],
    [['json | count_distinct(a), first(a), last(a) by k'], 2],
    [['json | where k != null'], 2],
    [['-o', 'csv', 'json'], 3],
    [['-o', 'table', 'json | select k, a'], 3],
  ];
  for (const p of ['1', '2']) {
    for (const [args, outLines] of queries) {
      it(`is a bad record, and a record at the limit goes through: ${args.join(' ')} (-p ${p})`, async () => {
        const errors = path.join(tmp, `errors-${p}-${outLines}-${args.join('').length}.ndjson`);
        const res = await runCli(['--from', file, '--errors', errors, '-p', p, ...args]);
        expect(res.code, res.stderr).toBe(0);
        expect(res.stderr).toBe(`fstream: skipped 4 bad records (written to ${errors}); first: ${file}:1: JSON nested deeper than 500 levels\n`);
        expect(lines(res.stdout)).toHaveLength(outLines);
        const dead = lines(readFileSync(errors, 'utf8')).map((l) => JSON.parse(l) as DeadLetter);
        expect(dead.map((d) => [d.line, d.error, d.truncated === true])).toEqual([
          [1, 'JSON nested deeper than 500 levels', true],
          [2, 'expected a JSON object, got an array', true],
          [3, 'JSON nested deeper than 500 levels', true],
          [4, 'JSON nested deeper than 500 levels', false],
        ]);
        expect(dead[0]!.raw).toBe('{"a":'.repeat(DEEP).slice(0, dead[0]!.raw.length));
      });
    }
  }

  for (const p of ['1', '2']) {
    it(`keeps a value nested to the limit in checkpointed window state (-p ${p})`, async () => {
      const state = path.join(tmp, `state-${p}`);
      const ev = (sec: number, a: string): string => `{"ts":"2026-03-01T10:0${Math.floor(sec / 60)}:${String(sec % 60).padStart(2, '0')}Z","a":${a}}\n`;
      const query = ['--time', 'ts', '--state', state, '-p', p, 'json | window tumbling 1m | first(a), count_distinct(a)'];
      const first = new LiveCli(query);
      first.write(ev(1, '1') + ev(90, objects(499)));
      await first.waitFor(() => first.records().length >= 1);
      first.child.kill('SIGINT');
      expect(await first.wait()).toBe(0);
      expect(first.stderr).toBe('');
      const second = await runCli(query, { stdin: ev(300, '2') });
      expect(second.code, second.stderr).toBe(0);
      const [opened] = lines(second.stdout).map((l) => JSON.parse(l) as { first_a: unknown; count_distinct_a: number });
      expect(JSON.stringify(opened!.first_a)).toBe(objects(499));
      expect(opened!.count_distinct_a).toBe(1);
    });
  }
});

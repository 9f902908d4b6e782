import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'fstream-rerun-'));
const ev = (sec: number, v: number): string => JSON.stringify({ ts: new Date(Date.UTC(2026, 2, 1, 10, 0, sec)).toISOString(), v, note: `n${v}` });
const lines = (s: string): string[] => s.split('\n').filter(Boolean);

describe('a finished bounded run, run again with --state over a grown file', () => {
  for (const p of [1, 2, 4]) {
    it(`counts, reports and writes the new events of fired windows as late, whole (-p ${p})`, async () => {
      const dir = mkdtempSync(path.join(tmp, `p${p}-`));
      const input = path.join(dir, 'a.ndjson');
      const out = path.join(dir, 'out.ndjson');
      const late = path.join(dir, 'late.ndjson');
      const args = [
        '-p',
        String(p),
        '--from',
        input,
        '--time',
        'ts',
        '--state',
        path.join(dir, 'st'),
        '--to',
        out,
        '--late',
        late,
        'json | window tumbling 1m | count, sum(v)',
      ];
      writeFileSync(input, [ev(1, 1), ev(2, 2)].join('\n') + '\n');
      const first = await runCli(args);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stderr).toBe('');
      // Same minute (fired at the end of the first run) and a new one.
      appendFileSync(input, [ev(3, 3), ev(61, 4)].join('\n') + '\n');
      const second = await runCli(args);
      expect(second.code, second.stderr).toBe(0);
      expect(second.stderr).toBe(`fstream: 1 late event (written to ${late})\n`);
      expect(lines(readFileSync(out, 'utf8'))).toEqual([
        '{"window_start":"2026-03-01T10:00:00.000Z","window_end":"2026-03-01T10:01:00.000Z","count":2,"sum_v":3}',
        '{"window_start":"2026-03-01T10:01:00.000Z","window_end":"2026-03-01T10:02:00.000Z","count":1,"sum_v":4}',
      ]);
      // Whole, as it was read: the field `note` was never read by the pipeline.
      expect(lines(readFileSync(late, 'utf8'))).toEqual([ev(3, 3)]);
    });
  }

  it('a whole-input aggregation reports the new events as late, and prints nothing new', async () => {
    const dir = mkdtempSync(path.join(tmp, 'whole-'));
    const input = path.join(dir, 'a.ndjson');
    const args = ['--from', input, '--state', path.join(dir, 'st'), 'json | count'];
    writeFileSync(input, [ev(1, 1), ev(2, 2)].join('\n') + '\n');
    expect((await runCli(args)).stdout).toBe('{"count":2}\n');
    appendFileSync(input, ev(3, 3) + '\n');
    const again = await runCli(args);
    expect(again.stdout).toBe('');
    expect(again.stderr).toBe('fstream: 1 late event (dropped; use --late FILE to keep them)\n');
  });
});

describe('--late writes late events whole', () => {
  for (const p of [1, 2]) {
    it(`every field as read, also those the pipeline never reads, for csv too (-p ${p})`, async () => {
      const late = path.join(tmp, `late-csv-${p}.ndjson`);
      const csv = 'ts,v,x\n2026-03-01T10:05:00Z,1,a\n2026-03-01T10:00:00Z,2,b\n';
      const res = await runCli(['-p', String(p), '--time', 'ts', '--late', late, 'csv | where v > 0 | window tumbling 1m | sum(v)'], { stdin: csv });
      expect(res.code, res.stderr).toBe(0);
      expect(readFileSync(late, 'utf8')).toBe('{"ts":"2026-03-01T10:00:00Z","v":2,"x":"b"}\n');
    });
  }
});

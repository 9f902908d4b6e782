import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'fstream-templates-'));
const lines = (s: string): string[] => s.split('\n').filter(Boolean);
const input = ['{"host":"web-1","n":1}', '{"host":"../../escape","n":2}', '{"host":"a/b","n":3}', '{"host":"web-1","n":4}'].join('\n') + '\n';

describe('--to templates', () => {
  // With --state: see state.test.ts.
  for (const p of [1, 2]) {
    it(`split the records by field without --state (-p ${p})`, async () => {
      const dir = mkdtempSync(path.join(tmp, 'split-'));
      writeFileSync(path.join(dir, 'in.ndjson'), input);
      const args = ['-p', String(p), '--from', path.join(dir, 'in.ndjson'), '--to', path.join(dir, 'out/{host}.ndjson'), 'json | select host, n'];
      const res = await runCli(args);
      expect(res.code, res.stderr).toBe(0);
      const out = path.join(dir, 'out');
      expect(readdirSync(out).sort()).toEqual(['..%2F..%2Fescape.ndjson', 'a%2Fb.ndjson', 'web-1.ndjson'].sort());
      expect(lines(readFileSync(path.join(out, 'web-1.ndjson'), 'utf8'))).toEqual(['{"host":"web-1","n":1}', '{"host":"web-1","n":4}']);
      expect(existsSync(path.join(dir, 'escape.ndjson'))).toBe(false);
    });
  }

  it('without --state, a rerun replaces the files it writes; CSV files get one header each', async () => {
    const dir = mkdtempSync(path.join(tmp, 'csv-'));
    const args = ['-o', 'csv', '--to', path.join(dir, '{host}.csv'), 'json | select host, n'];
    expect((await runCli(args, { stdin: input })).code).toBe(0);
    expect((await runCli(args, { stdin: input })).code).toBe(0);
    expect(readFileSync(path.join(dir, 'web-1.csv'), 'utf8')).toBe('host,n\nweb-1,1\nweb-1,4\n');
  });

  it('writes windowed results by window start (the README example form)', async () => {
    const dir = mkdtempSync(path.join(tmp, 'window-'));
    const res = await runCli([
      '--from',
      'fixtures/access.ndjson',
      '--time',
      'ts',
      '--to',
      path.join(dir, '{window_start:%H%M}.ndjson'),
      'json | window tumbling 1m | count',
    ]);
    expect(res.code, res.stderr).toBe(0);
    const files = readdirSync(dir).sort();
    expect(files.length).toBeGreaterThan(3);
    expect(files[0]).toMatch(/^\d{4}\.ndjson$/);
    for (const f of files) expect(lines(readFileSync(path.join(dir, f), 'utf8'))).toHaveLength(1);
  });

  for (const state of [false, true]) {
    it(`shortens over-long names with a hash, so two values never share a file (${state ? 'with' : 'without'} --state)`, async () => {
      const dir = mkdtempSync(path.join(tmp, 'long-'));
      const v = 'é'.repeat(240);
      const recs = [JSON.stringify({ v, n: 1 }), JSON.stringify({ v: v + 'x', n: 2 }), JSON.stringify({ v, n: 3 })].join('\n') + '\n';
      const args = ['--to', path.join(dir, 'out/{v}.ndjson'), 'json'];
      if (state) args.push('--state', path.join(dir, 'state'));
      const res = await runCli(args, { stdin: recs });
      expect(res.code, res.stderr).toBe(0);
      const files = readdirSync(path.join(dir, 'out')).sort();
      expect(files).toHaveLength(2);
      for (const f of files) {
        expect(Buffer.byteLength(f)).toBeLessThanOrEqual(200);
        expect(f).toMatch(/^é+~[0-9a-f]{12}\.ndjson$/);
      }
      const counts = files.map((f) => lines(readFileSync(path.join(dir, 'out', f), 'utf8')).length).sort();
      expect(counts).toEqual([1, 2]);
    });
  }
});

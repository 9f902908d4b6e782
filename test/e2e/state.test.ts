import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, appendFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LiveCli } from '../support/live-cli.js';
import { runCli } from '../support/run-cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'fstream-state-'));
const ev = (sec: number, k: string): string => JSON.stringify({ ts: new Date(Date.UTC(2026, 2, 1, 10, 0, sec)).toISOString(), k });
const lines = (s: string): string[] => s.split('\n').filter(Boolean);

describe('--state', () => {
  it('SIGINT stops reading, checkpoints and exits 0; a restart on stdin resumes the state', async () => {
    const state = path.join(tmp, 'sigint');
    const query = ['--time', 'ts', '--state', state, 'json | window tumbling 1m | count by k'];
    const first = new LiveCli(query);
    first.write([ev(1, 'a'), ev(2, 'a'), ev(61, 'b'), ev(62, 'a')].join('\n') + '\n');
    await first.waitFor(() => first.records().length >= 1);
    first.child.kill('SIGINT');
    // It stops on the signal alone, though stdin stays open and quiet.
    expect(await first.wait()).toBe(0);
    // [10:00, 10:01) fired before the stop; [10:01, 10:02) is open and kept in the state.
    expect(first.records()).toEqual([{ window_start: '2026-03-01T10:00:00.000Z', window_end: '2026-03-01T10:01:00.000Z', k: 'a', count: 2 }]);
    const show = await runCli(['state', 'show', state]);
    expect(show.stdout).toContain(
      'aggregate (window tumbling): 1 open windows, 2 (window, key) entries\n  [2026-03-01T10:01:00.000Z, 2026-03-01T10:02:00.000Z)  2 keys\n',
    );
    const second = await runCli(query, { stdin: [ev(70, 'b'), ev(125, 'a')].join('\n') + '\n' });
    expect(second.code, second.stderr).toBe(0);
    expect(lines(second.stdout).map((l) => JSON.parse(l) as { k: string; count: number })).toEqual([
      { window_start: '2026-03-01T10:01:00.000Z', window_end: '2026-03-01T10:02:00.000Z', k: 'a', count: 1 },
      { window_start: '2026-03-01T10:01:00.000Z', window_end: '2026-03-01T10:02:00.000Z', k: 'b', count: 2 },
      { window_start: '2026-03-01T10:02:00.000Z', window_end: '2026-03-01T10:03:00.000Z', k: 'a', count: 1 },
    ]);
  });

  it('finds a rotated file by its identity and reads on where it stopped', async () => {
    const dir = mkdtempSync(path.join(tmp, 'rotate-'));
    const log = path.join(dir, 'app.log');
    const state = path.join(dir, 'state');
    const args = ['--from', log, '--state', state, 'json | select k'];
    writeFileSync(log, [ev(1, 'a'), ev(2, 'b')].join('\n') + '\n');
    expect((await runCli(args)).code).toBe(0);
    appendFileSync(log, ev(3, 'a') + '\n'); // written just before rotation
    renameSync(log, log + '.1');
    writeFileSync(log, ev(4, 'c') + '\n');
    const res = await runCli(args);
    expect(res.code, res.stderr).toBe(0);
    // The second run reads only what the first did not: the appended line (now in app.log.1) and the new file.
    expect(lines(res.stdout).sort()).toEqual(['{"k":"a"}', '{"k":"c"}']);
  });

  for (const p of ['1', '2']) {
    it(`reads a file that starts with a byte order mark, and resumes it where it stopped (-p ${p})`, async () => {
      const dir = mkdtempSync(path.join(tmp, `bom-${p}-`));
      const log = path.join(dir, 'access.log');
      const line = (n: number): string => `10.0.0.${n} - - [10/Oct/2000:13:55:3${n} -0700] "GET /p${n} HTTP/1.1" 200 ${n} "-" "curl"\n`;
      writeFileSync(log, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(line(1) + line(2))]));
      const args = ['--from', log, '--state', path.join(dir, 'state'), '-p', p, 'nginx | select path'];
      const first = await runCli(args);
      expect(first.stderr).toBe('');
      expect(lines(first.stdout)).toEqual(['{"path":"/p1"}', '{"path":"/p2"}']);
      appendFileSync(log, line(3));
      const second = await runCli(args);
      expect(second.stderr).toBe('');
      expect(lines(second.stdout)).toEqual(['{"path":"/p3"}']);
    });
  }

  for (const p of ['1', '2']) {
    it(`resumes a csv file that grew with the header it read before (-p ${p})`, async () => {
      const dir = mkdtempSync(path.join(tmp, `csv-${p}-`));
      const file = path.join(dir, 'in.csv');
      writeFileSync(file, '\nhost,n\na,1\nb,2\n');
      const args = ['--from', file, '--state', path.join(dir, 'state'), '-p', p, 'csv | select host, n'];
      expect(lines((await runCli(args)).stdout)).toEqual(['{"host":"a","n":1}', '{"host":"b","n":2}']);
      appendFileSync(file, 'c,3\nd,4\n');
      const second = await runCli(args);
      expect(second.stderr).toBe('');
      expect(lines(second.stdout)).toEqual(['{"host":"c","n":3}', '{"host":"d","n":4}']);
    });
  }

  it('templated --to splits by field, keeps values inside the directory, exactly once', async () => {
    const dir = mkdtempSync(path.join(tmp, 'template-'));
    const input = path.join(dir, 'in.ndjson');
    writeFileSync(input, ['{"host":"web-1","n":1}', '{"host":"../../escape","n":2}', '{"host":"a/b","n":3}', '{"host":"web-1","n":4}'].join('\n') + '\n');
    const args = ['--from', input, '--state', path.join(dir, 'state'), '--to', path.join(dir, 'out/{host}.ndjson'), 'json | select host, n'];
    expect((await runCli(args)).code).toBe(0);
    expect((await runCli(args)).code).toBe(0); // a rerun adds nothing: the input was read to the end
    const out = path.join(dir, 'out');
    // `/` in a value is escaped, so `../../escape` is one harmless name inside out/.
    expect(readdirSync(out).sort()).toEqual(['..%2F..%2Fescape.ndjson', 'a%2Fb.ndjson', 'web-1.ndjson'].sort());
    expect(lines(readFileSync(path.join(out, 'web-1.ndjson'), 'utf8'))).toEqual(['{"host":"web-1","n":1}', '{"host":"web-1","n":4}']);
    expect(existsSync(path.join(tmp, 'escape.ndjson'))).toBe(false);
  });

  it('state ls, show and rm', async () => {
    const state = path.join(tmp, 'inspect');
    await runCli(['--time', 'ts', '--state', state, 'json | window tumbling 1m | count by k'], { stdin: [ev(1, 'a'), ev(2, 'b')].join('\n') + '\n' });
    const ls = await runCli(['state', 'ls', state]);
    expect(ls.code).toBe(0);
    expect(ls.stdout).toMatch(
      /^checkpoint \d+ \(latest\) {2}\d{4}-\d\d-\d\dT.*plan [0-9a-f]{16} {2}parallelism \d\n {2}- {2}offset \d+ {2}line 3 {2}\(read to the end\)\n$/,
    );
    const show = await runCli(['state', 'show', state]);
    expect(show.stdout).toContain('aggregate (window tumbling): 0 open windows');
    const rm = await runCli(['state', 'rm', state]);
    expect(rm.stdout).toBe(`removed ${state}\n`);
    expect(existsSync(state)).toBe(false);
    const bad = await runCli(['state', 'ls', tmp]);
    expect(bad.code).toBe(2);
  });
});

describe('--state with a quiet input', () => {
  for (const p of ['1', '2']) {
    it(`windows fired by the clock become visible in --to while input is quiet (-p ${p})`, async () => {
      const dir = mkdtempSync(path.join(tmp, 'quiet-'));
      const to = path.join(dir, 'out.ndjson');
      const cli = new LiveCli(['-p', p, '--state', path.join(dir, 's'), '--checkpoint-interval', '200ms', '--to', to, 'json | window tumbling 1s | count']);
      cli.write('{"a":1}\n{"a":2}\n');
      // No more input: the processing-time window fires on the clock, a checkpoint commits it.
      const until = Date.now() + 8000;
      let got: string[] = [];
      while (Date.now() < until) {
        got = existsSync(to) ? lines(readFileSync(to, 'utf8')) : [];
        if (got.length > 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(got.map((l) => (JSON.parse(l) as { count: number }).count)).toEqual([2]);
      expect(await cli.end()).toBe(0);
    });
  }
});

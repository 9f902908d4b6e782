import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli } from '../support/run-cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'fstream-out-'));

describe('outputs', () => {
  it('writes CSV to a file with --to, creating its directory (the README example)', async () => {
    const to = path.join(tmp, 'deep/dir/errors.csv');
    const res = await runCli(['--from', 'fixtures/app.logfmt', 'logfmt | where level == "error"', '-o', 'csv', '--to', to]);
    expect(res.code).toBe(0);
    expect(res.stdout).toBe('');
    const csv = readFileSync(to, 'utf8').split('\n').filter(Boolean);
    const expected = readFileSync(path.join(ROOT, 'fixtures/app.logfmt'), 'utf8')
      .split('\n')
      .filter((l) => l.includes('level=error'));
    expect(csv[0]).toBe('ts,level,service,msg,duration_ms');
    expect(csv).toHaveLength(expected.length + 1);
    expect(csv[1]).toMatch(/^2026-03-01T\d\d:\d\d:\d\dZ,error,\w+,[a-z ]+,\d+$/);
  });

  it('a closed stdout (| head -1) is a quiet exit 0', () => {
    const script = `yes '{"a":1,"b":"some text to make the line longer"}' | head -c 30000000 | node ${BIN} 'json | eval c = a + 1' | head -1; echo "rc=\${PIPESTATUS[2]}" >&2`;
    const res = spawnSync('bash', ['-c', script], { encoding: 'utf8', cwd: ROOT, timeout: 60_000 });
    expect(res.stdout).toBe('{"a":1,"b":"some text to make the line longer","c":2}\n');
    expect(res.stderr).toBe('rc=0\n');
  });

  it('a closed stdout stops a parallel aggregation that is still reading (exit 0, no hang)', () => {
    // Sessions close as event time moves on, so results are written while input is still read.
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'fstream-head-')), 'in.ndjson');
    const gen = `node -e 'const pad = "x".repeat(300); for (let i = 0; i < 300000; i++) console.log(JSON.stringify({ ts: 1772359200000 + i * 1000, user: "u" + (i % 50), pad }))' > ${file}`;
    const script = `${gen}; node ${BIN} --from ${file} -p 2 --time ts 'json | window session 2s | count by user' | head -1; echo "rc=\${PIPESTATUS[0]}" >&2`;
    const res = spawnSync('bash', ['-c', script], { encoding: 'utf8', cwd: ROOT, timeout: 30_000 });
    expect(res.signal).toBeNull();
    expect(res.stdout).toMatch(/^\{"window_start":.*"count":1\}\n$/);
    expect(res.stderr).toBe('rc=0\n');
  });

  it('limit stops reading early, even from an endless stdin', () => {
    const res = spawnSync('bash', ['-c', `yes '{"a":1}' | node ${BIN} 'json | limit 3'; echo "rc=\${PIPESTATUS[1]}" >&2`], {
      encoding: 'utf8',
      cwd: ROOT,
      timeout: 20_000,
    });
    expect(res.stdout).toBe('{"a":1}\n{"a":1}\n{"a":1}\n');
    expect(res.stderr).toBe('rc=0\n');
  });

  it('echo {} | fstream json prints {}', async () => {
    const res = await runCli(['json'], { stdin: '{}\n' });
    expect(res.stdout).toBe('{}\n');
    expect(res.code).toBe(0);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'fstream-bounded-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('error output stays small whatever the pipeline', () => {
  it('a long query with thousands of errors', async () => {
    const res = await runCli(['validate', `json${' | wher x'.repeat(14_000)}`]);
    expect(res.code).toBe(2);
    expect(res.stderr.length).toBeLessThan(10_000);
    expect(res.stderr).toMatch(/\n\nerror: and 13980 more errors\n\nerror: could not compile the pipeline due to 14000 previous errors\n/);
  });

  it('a YAML file with a 20 MB line', async () => {
    const file = path.join(tmp, 'big.yaml');
    writeFileSync(file, `from: x\nformat: ${'x'.repeat(20_000_000)}\n`);
    const res = await runCli(['validate', '-c', file]);
    expect(res.code).toBe(2);
    expect(res.stderr.length).toBeLessThan(2_000);
    expect(res.stderr).toContain(`2 | format: ${'x'.repeat(112)}…\n`);
  });
});

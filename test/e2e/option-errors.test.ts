import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const located = (option: string, value: string): RegExp =>
  new RegExp(`\\n --> <option ${option}>:1:1\\n  \\|\\n1 \\| ${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`);

describe('run options out of range stop before anything runs (exit 2, located)', () => {
  it('-p above the bound', async () => {
    const res = await runCli(['-p', '1000', 'json'], { stdin: '{"a":1}\n' });
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(/^error: `--parallelism` takes a whole number from 1 to 64, not `1000`\n/);
    expect(res.stderr).toMatch(located('--parallelism', '1000'));
    expect(res.code).toBe(2);
  });
});

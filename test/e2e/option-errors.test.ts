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

describe('empty paths and --max-errors 0 are usage errors', () => {
  it('--to with an empty path', async () => {
    const res = await runCli(['--to', '', 'json'], { stdin: '{"a":1}\n' });
    expect(res.stdout).toBe('');
    expect(res.stderr).toBe('error: `--to` needs a path, not an empty string\n --> <option --to>:1:1\n  |\n1 |\n  | ^\n\n');
    expect(res.code).toBe(2);
  });

  it('--from, --errors, --late or --state with an empty path', async () => {
    for (const option of ['--from', '--errors', '--late', '--state']) {
      const res = await runCli([option, '', 'json'], { stdin: '{"a":1}\n' });
      expect(res.stderr, option).toMatch(new RegExp(`^error: \`${option}\` needs a path, not an empty string\\n --> <option ${option}>:1:1\\n`));
      expect(res.code, option).toBe(2);
    }
  });

  it('--max-errors 0, as max_errors: 0 in YAML', async () => {
    const res = await runCli(['--max-errors', '0', 'json'], { stdin: '{"a":1}\n' });
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(/^error: `--max-errors` takes a whole number of at least 1, not `0`\n/);
    expect(res.stderr).toContain('= help: the run stops with exit 1 at the Nth bad record: 1 stops at the first; leave it out for no limit');
    expect(res.code).toBe(2);
  });
});

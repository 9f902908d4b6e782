import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

describe('fstream --help', () => {
  it('shows the run options, the query language and examples, not only the subcommands', async () => {
    const res = await runCli(['--help']);
    expect(res.code).toBe(0);
    for (const want of [
      'Usage: fstream [run] [options] [QUERY]',
      'Commands:',
      'Run options',
      '--from <src>',
      '--state <dir>',
      '--late <path>',
      '--no-drain',
      'window tumbling DUR',
      'count_distinct',
      'coalesce',
      'Examples:',
    ]) {
      expect(res.stdout).toContain(want);
    }
    expect(res.stdout).not.toContain('--progress');
  });

  it('--progress says it is not available yet, and the run goes on', async () => {
    const res = await runCli(['--progress', 'json'], { stdin: '{"a":1}\n' });
    expect(res.code).toBe(0);
    expect(res.stdout).toBe('{"a":1}\n');
    expect(res.stderr).toBe('fstream: note: --progress is not available yet; running without it\n');
  });
});

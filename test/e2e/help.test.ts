import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/run-cli.js';

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
    expect(res.stdout).toContain('--progress');
    expect(res.stdout).toContain('--stats');
  });
});

describe('fstream help TOPIC, --version, completion', () => {
  it('`help functions` teaches each function with an example; `help` alone is the main help', async () => {
    const res = await runCli(['help', 'functions']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('coalesce(a, b, ...)');
    expect(res.stdout).toContain('e.g. where coalesce(user, "anonymous")');
    const main = await runCli(['help']);
    expect(main.code).toBe(0);
    expect(main.stdout).toContain('Run options');
    expect(main.stdout).toContain('fstream help time-formats');
  });

  it('`help COMMAND` is that command’s help; a misspelt topic gets a suggestion and exit 2', async () => {
    const explain = await runCli(['help', 'explain']);
    expect(explain.code).toBe(0);
    expect(explain.stdout).toContain('Usage: fstream explain');
    const bad = await runCli(['help', 'window']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'error: no help topic `window`\n  = help: did you mean `windows`?\n  = help: topics: query, functions, aggregates, windows, time-formats\n',
    );
  });

  it('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const res = await runCli(['--version']);
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(`${pkg.version}\n`);
  });

  it('the bash completion script completes commands, options and option values in a real bash', async () => {
    const script = await runCli(['completion', 'bash']);
    expect(script.code).toBe(0);
    const complete = (words: string[]): string => {
      const line = `eval "$(cat)"; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _fstream; echo "\${COMPREPLY[*]}"`;
      return execFileSync('bash', ['-c', line], { input: script.stdout, encoding: 'utf8' }).trim();
    };
    expect(complete(['fstream', 'ex'])).toBe('explain');
    expect(complete(['fstream', '--fo']).split(' ').sort()).toEqual(['--follow', '--format']);
    expect(complete(['fstream', '-o', 'c']).split(' ')).toEqual(['csv', 'chart']);
    expect(complete(['fstream', 'help', 'ti'])).toBe('time-formats');
    expect(complete(['fstream', 'state', '--h'])).toBe('--help');
    const zsh = await runCli(['completion', 'zsh']);
    expect(zsh.stdout).toContain('bashcompinit');
    const bad = await runCli(['completion', 'fish']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('shells: bash, zsh');
  });
});

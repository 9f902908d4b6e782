import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/run-cli.js';

/**
 * Every ```sh block of the README whose lines start with `$ ` is an example: the command runs
 * from the repo root (bin/fstream, built), and the lines under it up to the next `$ ` are its
 * exact stdout. Blocks marked ```sh no-run (the install commands) are skipped.
 */
interface Example {
  command: string;
  expected: string;
}

function examples(): Example[] {
  const text = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const out: Example[] = [];
  for (const m of text.matchAll(/```sh\n([\s\S]*?)```/g)) {
    let cur: Example | null = null;
    for (const line of m[1]!.split('\n')) {
      if (line.startsWith('$ ')) {
        if (cur) out.push(cur);
        cur = { command: line.slice(2), expected: '' };
      } else if (cur && line !== '') cur.expected += line + '\n';
    }
    if (cur) out.push(cur);
  }
  return out;
}

describe('README examples', () => {
  const all = examples();
  it('has examples', () => expect(all.length).toBeGreaterThanOrEqual(5));
  for (const ex of all) {
    it(ex.command, () => {
      const res = spawnSync('bash', ['-c', `set -o pipefail; ${ex.command}`], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', PATH: `${path.join(ROOT, 'bin')}:${process.env.PATH}` },
        timeout: 30_000,
      });
      expect(res.stderr).toBe('');
      expect(res.stdout).toBe(ex.expected);
      expect(res.status).toBe(0);
    });
  }
});

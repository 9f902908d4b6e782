import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

// `(a+)+$` against many `a` and a `b` backtracks exponentially; matched in linear time it is instant.
const evil = `${'a'.repeat(40)}b`;
const lines = [evil, 'aaa', evil, 'xaa'];

describe('user regexes run in linear time', () => {
  for (const p of [1, 2]) {
    it(`a catastrophic =~ pattern finishes (-p ${p})`, async () => {
      const res = await runCli(['-p', String(p), 'json | where msg =~ "(a+)+$" | count'], {
        stdin: lines.map((msg) => JSON.stringify({ msg })).join('\n') + '\n',
      });
      expect(res.stderr).toBe('');
      expect(res.stdout).toBe('{"count":2}\n');
      expect(res.code).toBe(0);
    });

    it(`a catastrophic regex format finishes (-p ${p})`, async () => {
      const res = await runCli(['-p', String(p), '--format', 'regex:^(?<w>(a+)+)$', 'count'], { stdin: lines.join('\n') + '\n' });
      expect(res.stdout).toBe('{"count":1}\n');
      expect(res.stderr).toMatch(/^fstream: skipped 3 bad records/);
      expect(res.code).toBe(0);
    });
  }
});

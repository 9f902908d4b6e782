import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, shellWords } from '../support/run-cli.js';
import { readCase, type GoldenCase } from './case-file.js';

const CASES = path.join(ROOT, 'test/golden/cases');
const PARALLELISMS = [1, 2, 4];
/** Every case also runs with a memory budget so small that its keyed state spills to disk. */
const SPILL = ['-p', '2', '--memory', '4KB'];

const sortedLines = (s: string): string[] =>
  s
    .split('\n')
    .filter((l) => l !== '')
    .sort();

async function runCase(c: GoldenCase, parallelism: number | 'spill') {
  const tmp = mkdtempSync(path.join(tmpdir(), 'fstream-golden-'));
  try {
    for (const [name, body] of c.inputFiles) writeFileSync(path.join(tmp, name), body);
    const args = shellWords(c.args.replaceAll('$TMP', tmp));
    const runs = !['validate', 'explain', 'state'].includes(args[0] ?? '');
    const extra = parallelism === 'spill' ? SPILL : ['-p', String(parallelism)];
    const res = await runCli(runs ? [...args, ...extra] : args, { stdin: c.stdin });
    const files = new Map<string, string | null>();
    for (const name of c.expectFiles.keys()) {
      const p = path.join(tmp, name);
      files.set(name, existsSync(p) ? readFileSync(p, 'utf8') : null);
    }
    return { ...res, stderr: res.stderr.replaceAll(tmp, '$TMP'), files };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const cases = readdirSync(CASES)
  .filter((f) => f.endsWith('.case'))
  .sort();

describe('golden cases', () => {
  for (const file of cases) {
    const c = readCase(path.join(CASES, file), file.replace(/\.case$/, ''));
    const sub = shellWords(c.args)[0] ?? '';
    const single = c.options.has('single') || c.exit === 2 || ['validate', 'explain', 'state'].includes(sub);
    const ps: (number | 'spill')[] = single ? [1] : [...PARALLELISMS, 'spill'];
    for (const p of ps) {
      it(`${c.name} (${p === 'spill' ? SPILL.join(' ') : `-p ${p}`})`, async () => {
        const res = await runCase(c, p);
        if (c.stderr !== undefined) expect(res.stderr).toBe(c.stderr);
        if (c.stdout !== undefined) {
          if (!c.options.has('unordered')) expect(res.stdout).toBe(c.stdout);
          else expect(sortedLines(res.stdout)).toEqual(sortedLines(c.stdout));
        }
        for (const [name, body] of c.expectFiles) {
          const got = res.files.get(name);
          if (!c.options.has('unordered')) expect(got).toBe(body);
          else expect(sortedLines(got ?? '')).toEqual(sortedLines(body));
        }
        expect(res.code, res.stderr).toBe(c.exit);
      });
    }
  }
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { mutated, SEED_QUERIES, SEED_YAML } from '../support/mutations.js';
import { runCli, type CliResult } from '../support/run-cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'fstream-fuzz-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const STDIN =
  [
    '{"ts":"2026-03-01T10:00:01Z","status":503,"route":"/a","latency_ms":12,"user":"u1","host":"web-1","msg":"GET /api","x":1,"name":"b"}',
    'not json',
    '{"ts":"2026-03-01T10:01:02Z","status":200,"route":"/b","latency_ms":"7","user":"u2","host":"web-2","msg":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab","x":"2","name":"a"}',
  ].join('\n') + '\n';

/** A command-line argument cannot hold NUL. */
const arg = (q: string): string => q.replaceAll('\0', '\u0001');

/** At most `limit` runs at a time (the machine is shared). */
async function pooled<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await run(items[next++]!);
    }),
  );
}

function expectClean(what: string, res: CliResult, codes: number[]): void {
  const where = `${what.slice(0, 300)}\n${res.stderr.slice(0, 2000)}`;
  expect(codes, where).toContain(res.code);
  expect(res.stderr, where).not.toMatch(/^\s+at .+[:(]\d+/m);
  expect(res.stderr, where).not.toContain('internal error');
  expect(res.stderr.length, where).toBeLessThan(40_000);
}

describe('fuzz: the CLI on mutated pipelines', () => {
  it('validate answers 0 or 2, never a stack trace, with small output', async () => {
    const queries = fc.sample(mutated(SEED_QUERIES), 18);
    const files = fc.sample(mutated(SEED_YAML), 6).map((text, i) => {
      const file = path.join(tmp, `p${i}.yaml`);
      writeFileSync(file, text);
      return file;
    });
    const cases: [string, string[]][] = [
      ...queries.map((q): [string, string[]] => [q, ['validate', arg(q)]]),
      ...files.map((f): [string, string[]] => [f, ['validate', '-c', f]]),
    ];
    await pooled(cases, 4, async ([what, args]) => expectClean(what, await runCli(args), [0, 2]));
  }, 120_000);

  it('run answers 0, 1 or 2, never a stack trace', async () => {
    const queries = fc.sample(mutated(SEED_QUERIES), 8);
    await pooled(queries, 4, async (q) => expectClean(q, await runCli(['-p', '2', arg(q)], { stdin: STDIN }), [0, 1, 2]));
  }, 120_000);
});

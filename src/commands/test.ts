import { readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { InputError } from '../common/errors.js';
import type { Rec } from '../common/record.js';
import { runCase, type CaseRun } from '../app/pipeline-test/run-case.js';
import { readTestFile, type PipelineTestFile, type TestCase } from '../app/pipeline-test/test-file.js';
import { loadPipeline } from './load-pipeline.js';

/**
 * `fstream test FILE... [--update]`: runs each file's cases on a simulated clock and compares what
 * came out with what the file expects; prints a diff per failing expectation. Exit 1 when a case
 * fails (2 for a test file that cannot be read or a pipeline that does not compile). `--update`
 * writes what came out into the files instead (comments and the rest of the file are kept).
 */
export async function testCommand(files: string[], flags: { update?: boolean }): Promise<number> {
  let failed = 0;
  let total = 0;
  for (const path of files) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      throw new InputError(`cannot read test file ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { cause: err });
    }
    const file = readTestFile(path, text);
    const pipelinePath = 'file' in file.pipeline ? resolve(dirname(path), file.pipeline.file) : undefined;
    const { plan } = await loadPipeline('query' in file.pipeline ? file.pipeline.query : undefined, pipelinePath, file.overrides);
    process.stdout.write(`${path}\n`);
    for (const [i, c] of file.cases.entries()) {
      total++;
      const run = await runCase(plan, c, file.clockStart);
      if (flags.update) {
        rewrite(file, i, c, run);
        process.stdout.write(`  ↻ ${c.name}\n`);
        continue;
      }
      const problems = compare(c, run);
      if (problems.length === 0) {
        process.stdout.write(`  ✓ ${c.name}\n`);
        continue;
      }
      failed++;
      process.stdout.write(`  ✗ ${c.name}\n${problems.map((p) => indent(p, 6)).join('\n')}\n`);
    }
    if (flags.update) await writeFile(path, String(file.document));
  }
  const verb = flags.update ? 'updated' : failed === 0 ? 'passed' : `${failed} failed`;
  process.stdout.write(`${total} case${total === 1 ? '' : 's'}, ${verb}\n`);
  return failed === 0 ? 0 : 1;
}

/** What differs between a case's expectations and its run, as printable blocks. */
function compare(c: TestCase, run: CaseRun): string[] {
  const out: string[] = [];
  for (const [i, step] of c.steps.entries()) {
    if (step.kind !== 'expect') continue;
    const diff = diffRecords(step.records, run.atSteps.get(i) ?? []);
    if (diff) out.push(`output by step ${i + 1} (- expected, + actual):\n${diff}`);
  }
  if (c.expect) {
    const diff = diffRecords(c.expect, run.atEnd);
    if (diff) out.push(`output${c.hasSteps ? ' after the last step' : ''} (- expected, + actual):\n${diff}`);
  }
  if (c.late) {
    const diff = diffRecords(c.late, run.late);
    if (diff) out.push(`late events (- expected, + actual):\n${diff}`);
  }
  if (c.deadLetters) {
    // Only the fields an expectation gives are compared (`line` and `error`, say).
    const actual = run.deadLetters.map((d, k) => pick(d as unknown as Rec, c.deadLetters![k] ?? {}));
    const diff = diffRecords(c.deadLetters, actual);
    if (diff) out.push(`bad records (- expected, + actual):\n${diff}`);
  }
  return out;
}

/** Records as JSON lines, keys sorted; a line diff in order, or '' when equal. */
function diffRecords(expected: Rec[], actual: Rec[]): string {
  const e = expected.map(canonical);
  const a = actual.map(canonical);
  if (e.length === a.length && e.every((x, i) => x === a[i])) return '';
  // Longest common subsequence: the lines both have stay unmarked.
  const n = e.length;
  const m = a.length;
  const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) lcs[i]![j] = e[i] === a[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const lines: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && e[i] === a[j]) {
      lines.push(`  ${e[i++]}`);
      j++;
    } else if (i < n && (j === m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) lines.push(`- ${e[i++]}`);
    else lines.push(`+ ${a[j++]}`);
  }
  return lines.join('\n');
}

function canonical(rec: Rec): string {
  return JSON.stringify(rec, (_k, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) : v,
  );
}

function pick(rec: Rec, like: Rec): Rec {
  const keys = Object.keys(like);
  if (keys.length === 0) return rec;
  return Object.fromEntries(keys.filter((k) => k in rec).map((k) => [k, rec[k]!]));
}

/** `--update`: the run's output becomes the case's expectations (only those the case has, plus `expect`). */
function rewrite(file: PipelineTestFile, i: number, c: TestCase, run: CaseRun): void {
  const doc = file.document;
  for (const [k, step] of c.steps.entries())
    if (step.kind === 'expect') doc.setIn(['cases', i, 'steps', k, 'expect'], doc.createNode(run.atSteps.get(k) ?? []));
  doc.setIn(['cases', i, 'expect'], doc.createNode(run.atEnd));
  if (c.late !== undefined || run.late.length > 0) doc.setIn(['cases', i, 'late'], doc.createNode(run.late));
  if (c.deadLetters !== undefined || run.deadLetters.length > 0) {
    doc.setIn(['cases', i, 'dead_letters'], doc.createNode(run.deadLetters.map((d) => ({ line: d.line, error: d.error }))));
  }
}

function indent(text: string, n: number): string {
  return text
    .split('\n')
    .map((l) => ' '.repeat(n) + l)
    .join('\n');
}

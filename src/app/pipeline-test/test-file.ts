import { parseDocument, type Document } from 'yaml';
import type { Rec } from '../../common/record.js';
import { UsageError } from '../../common/errors.js';
import { parseDuration } from '../../common/time/duration.js';
import type { CliOverrides } from '../../dsl/overrides.js';

/** One step of a case, in order: lines in, time moved, or what the output must be by then. */
export type TestStep =
  | { kind: 'input'; lines: string[] }
  | { kind: 'advance_clock'; ms: number }
  | { kind: 'advance_watermark'; at: number }
  /** The records output since the previous `expect` step (or the start). `at`: its index in `steps`. */
  | { kind: 'expect'; records: Rec[]; at: number };

export interface TestCase {
  name: string;
  steps: TestStep[];
  /** What is output after the last step, once the input has ended (every window fires then). */
  expect?: Rec[];
  /** Late events (as `--late` writes them) and bad records (only the fields given are compared). */
  late?: Rec[];
  deadLetters?: Rec[];
  /** `steps` was written (else the case's `input` stands for one input step). */
  hasSteps: boolean;
}

/** A `fstream test` file: a pipeline, the options that shape it, and cases. */
export interface PipelineTestFile {
  path: string;
  /** The pipeline as a query, or a YAML pipeline file (relative to the test file). */
  pipeline: { query: string } | { file: string };
  overrides: CliOverrides;
  /** Processing time at the start of each case (ms since the epoch). */
  clockStart: number;
  cases: TestCase[];
  /** The parsed YAML, kept so that `--update` can rewrite expectations and keep the rest. */
  document: Document;
}

const FILE_KEYS = ['pipeline', 'pipeline_file', 'format', 'time', 'time_format', 'lag', 'idle', 'clock_start', 'cases'];
const CASE_KEYS = ['name', 'input', 'steps', 'expect', 'late', 'dead_letters'];
const STEP_KINDS = ['input', 'expect', 'advance_clock', 'advance_watermark'];

/** Reads a test file; a mistake in it is a UsageError naming the file and the place. */
export function readTestFile(path: string, text: string): PipelineTestFile {
  const document = parseDocument(text);
  if (document.errors.length > 0) throw new UsageError(`${path}: not valid YAML: ${document.errors[0]!.message.split('\n')[0]}`);
  const root = document.toJS() as unknown;
  const fail = (where: string, message: string, help: string[] = []): never => {
    throw new UsageError(`${path}: ${where}${where ? ': ' : ''}${message}`, help);
  };
  if (!isObject(root)) return fail('', 'expected a mapping with `pipeline` and `cases`');
  for (const key of Object.keys(root)) if (!FILE_KEYS.includes(key)) fail('', `unknown key \`${key}\``, [`keys: ${FILE_KEYS.join(', ')}`]);
  const query = root.pipeline;
  const file = root.pipeline_file;
  if ((typeof query === 'string') === (typeof file === 'string')) fail('', 'give the pipeline as `pipeline: QUERY` or `pipeline_file: FILE` (one of them)');
  const overrides: CliOverrides = {};
  for (const [key, name] of [
    ['format', 'format'],
    ['time', 'time'],
    ['time_format', 'timeFormat'],
    ['lag', 'lag'],
    ['idle', 'idle'],
  ] as const) {
    const v = root[key];
    if (v === undefined) continue;
    if (typeof v !== 'string') fail(key, 'expected a string');
    overrides[name] = v as string;
  }
  const clockStart = root.clock_start === undefined ? Date.UTC(2026, 0, 1) : timeOf(root.clock_start, (m) => fail('clock_start', m));
  if (!Array.isArray(root.cases) || root.cases.length === 0) fail('cases', 'expected a list of cases');
  const cases = (root.cases as unknown[]).map((c, i) => readCase(c, `cases[${i}]`, fail));
  return { path, pipeline: typeof query === 'string' ? { query } : { file: file as string }, overrides, clockStart, cases, document };
}

function readCase(c: unknown, where: string, fail: (where: string, message: string, help?: string[]) => never): TestCase {
  if (!isObject(c)) return fail(where, 'expected a mapping with `name` and `input` or `steps`');
  for (const key of Object.keys(c)) if (!CASE_KEYS.includes(key)) fail(where, `unknown key \`${key}\``, [`keys: ${CASE_KEYS.join(', ')}`]);
  const name = typeof c.name === 'string' ? c.name : where;
  if ((c.input === undefined) === (c.steps === undefined)) fail(where, 'give `input` (lines or records) or `steps`, one of them');
  const steps: TestStep[] =
    c.steps === undefined
      ? [{ kind: 'input', lines: linesOf(c.input, `${where}.input`, fail) }]
      : Array.isArray(c.steps)
        ? c.steps.map((s, i) => readStep(s, i, `${where}.steps[${i}]`, fail))
        : fail(`${where}.steps`, 'expected a list of steps');
  const out: TestCase = { name, steps, hasSteps: c.steps !== undefined };
  if (c.expect !== undefined) out.expect = recordsOf(c.expect, `${where}.expect`, fail);
  if (c.late !== undefined) out.late = recordsOf(c.late, `${where}.late`, fail);
  if (c.dead_letters !== undefined) out.deadLetters = recordsOf(c.dead_letters, `${where}.dead_letters`, fail);
  return out;
}

function readStep(s: unknown, at: number, where: string, fail: (where: string, message: string, help?: string[]) => never): TestStep {
  const keys = isObject(s) ? Object.keys(s) : [];
  if (!isObject(s) || keys.length !== 1 || !STEP_KINDS.includes(keys[0]!)) {
    return fail(where, 'expected one of `input`, `expect`, `advance_clock`, `advance_watermark`', ['e.g. `- advance_clock: 10s`']);
  }
  const kind = keys[0]!;
  const v = s[kind];
  if (kind === 'input') return { kind, lines: linesOf(v, where, fail) };
  if (kind === 'expect') return { kind, records: recordsOf(v, where, fail), at };
  if (kind === 'advance_clock') {
    const ms = typeof v === 'string' ? parseDuration(v) : null;
    if (ms === null || ms <= 0) fail(where, `advance_clock takes a duration such as 10s, not \`${String(v)}\``);
    return { kind, ms: ms! };
  }
  return { kind: 'advance_watermark', at: timeOf(v, (m) => fail(where, m)) };
}

/** Input lines: strings as they are, records as their JSON. */
function linesOf(v: unknown, where: string, fail: (where: string, message: string) => never): string[] {
  if (!Array.isArray(v)) return fail(where, 'expected a list of lines or records');
  return v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x)));
}

function recordsOf(v: unknown, where: string, fail: (where: string, message: string) => never): Rec[] {
  if (v === null) return [];
  if (!Array.isArray(v) || !v.every(isObject)) return fail(where, 'expected a list of records');
  return v as Rec[];
}

function timeOf(v: unknown, fail: (message: string) => never): number {
  const ms = v instanceof Date ? v.getTime() : typeof v === 'string' ? Date.parse(v) : Number.NaN;
  if (!Number.isFinite(ms)) fail(`expected an ISO-8601 time such as 2026-03-01T10:00:00Z, not \`${String(v)}\``);
  return ms;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

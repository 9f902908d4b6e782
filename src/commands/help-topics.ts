import { directiveDocs } from '../common/time/directives.js';
import { UsageError } from '../common/errors.js';
import { didYouMean } from '../dsl/did-you-mean.js';
import { AGG_FUNCS, FORMAT_NAMES, SCALAR_FUNCS, STAGE_DOCS, WINDOW_KINDS, type FuncSpec, type SyntaxDoc } from '../dsl/vocabulary.js';

/**
 * `fstream help TOPIC`: one line and one example per entry, printed from the tables the parser
 * and checker use (src/dsl/vocabulary.ts, the time-format directives), so they cannot drift.
 */
export const HELP_TOPICS: ReadonlyMap<string, { summary: string; text: () => string }> = new Map([
  ['query', { summary: 'the stages of a pipeline', text: queryText }],
  [
    'functions',
    {
      summary: 'functions of expressions (where, eval)',
      text: () => funcText('Functions of expressions (in where, eval and aggregate arguments):', SCALAR_FUNCS, 'where'),
    },
  ],
  ['aggregates', { summary: 'aggregate functions', text: () => funcText('Aggregates (`AGG [as NAME], ... [by F, ...]`):', AGG_FUNCS, 'stage') }],
  ['windows', { summary: 'window kinds', text: windowsText }],
  ['time-formats', { summary: 'strftime-like directives of --time-format and --to templates', text: timeFormatsText }],
]);

/** The text of a topic, or a usage error naming the topics. */
export function helpTopic(topic: string): string {
  const t = HELP_TOPICS.get(topic);
  if (t) return t.text();
  const help = didYouMean(topic, HELP_TOPICS.keys());
  help.push(`topics: ${[...HELP_TOPICS.keys()].join(', ')}`);
  throw new UsageError(`no help topic \`${topic}\``, help);
}

/** The topics, one per line, for `fstream help` alone and the main help. */
export function topicList(): string {
  const width = Math.max(...[...HELP_TOPICS.keys()].map((k) => k.length));
  return [...HELP_TOPICS].map(([name, t]) => `  fstream help ${name.padEnd(width)}  ${t.summary}`).join('\n');
}

function syntaxLines(docs: Iterable<SyntaxDoc>): string[] {
  const list = [...docs];
  const width = Math.max(...list.map((d) => d.syntax.length));
  return list.flatMap((d) => [`  ${d.syntax.padEnd(width)}  ${d.summary}`, `  ${' '.repeat(width)}    e.g. ${d.example}`]);
}

function queryText(): string {
  return [
    'A query is stages joined by |, read left to right:',
    "  fstream --from access.log 'json | where status >= 500 | window tumbling 1m | count by route'",
    '',
    ...syntaxLines(STAGE_DOCS),
    '',
    `Formats: ${FORMAT_NAMES.join(', ')}.`,
    'Expressions: numbers, "strings", true false null, fields (`a.b`, `field with spaces` in backticks),',
    '  + - * / %, == != < <= > >=, and or not, =~ "regex", in (a, b), functions (fstream help functions).',
    '  A missing field is null; comparisons with null are false; arithmetic with null is null.',
    'Durations: 250ms 10s 5m 1h 1d.',
  ].join('\n');
}

function funcText(title: string, table: ReadonlyMap<string, FuncSpec>, context: 'where' | 'stage'): string {
  const heads = [...table].map(([name, f]) => `${name}(${f.args})`);
  const width = Math.max(...heads.map((h) => h.length));
  const lines = [...table.values()].flatMap((f, i) => [
    `  ${heads[i]!.padEnd(width)}  ${f.summary}`,
    `  ${' '.repeat(width)}    e.g. ${context === 'where' ? `where ${f.example}` : f.example}`,
  ]);
  return [title, ...lines].join('\n');
}

function windowsText(): string {
  return [
    'Windows group records in time (event time with --time, else processing time); half-open [start, end).',
    'A window fires when the watermark (largest event time seen − --lag) passes its end; at the end of a',
    'bounded input every window fires. Later events for a fired window are late (--late FILE keeps them).',
    '',
    ...syntaxLines(WINDOW_KINDS.values()),
  ].join('\n');
}

function timeFormatsText(): string {
  const docs = directiveDocs();
  const lines = docs.map((d) => {
    const where = d.read && d.write ? '' : d.read ? '  (reading only)' : '  (writing only)';
    return `  %${d.letter}  ${d.meaning.padEnd(64)} ${d.example}${where}`;
  });
  return [
    'Time formats: --time-format FMT / `time FIELD format "FMT"` (reading) and {field:FMT} in --to (writing).',
    'Without a format, ISO-8601 text and epoch seconds or milliseconds are recognised. Times are UTC.',
    'Examples below are 2026-03-01T09:05:07.042Z.',
    '',
    ...lines,
    '',
    'e.g. --time-format "%d/%b/%Y:%H:%M:%S %z"    --to "out/{window_start:%Y-%m-%d}/part.ndjson"',
  ].join('\n');
}

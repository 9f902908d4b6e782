/**
 * The YAML form of a pipeline (SPEC §3) → the same PipelineAst as the query form. The top-level
 * `format` and `time` keys become the first stages; `steps` (or `query`) follow. Every span points
 * into the YAML file, so errors are shown where the user wrote them.
 */
import { isMap, isPair, isScalar, isSeq, parseDocument, visit, type Pair } from 'yaml';
import type { FileOptions, FormatName, PipelineAst, Stage } from './ast.js';
import { DiagnosticBag } from './diagnostic.js';
import { didYouMean } from './did-you-mean.js';
import { MAX_DURATION_MS, MAX_ERRORS_HELP, MAX_PARALLELISM, MAX_YAML_DEPTH, PARALLELISM_HELP } from '../plan/limits.js';
import { parseStages } from './parse-query.js';
import { parseTimeBody } from './parse-stage-bodies.js';
import { makeSource, type Span } from './source.js';
import { firstTooDeep } from './yaml-depth.js';
import { FORMAT_NAMES, OUTPUT_FORMATS } from './vocabulary.js';
import {
  expectScalar,
  knownPairs,
  nodeSpan,
  pairSpan,
  readBool,
  readDuration,
  readInt,
  readString,
  readStringList,
  scalarSegment,
  type YamlCtx,
} from './yaml-nodes.js';
import { readStep, readTimeMap, scalarStage } from './yaml-steps.js';

export const TOP_KEYS = [
  'from',
  'follow',
  'format',
  'time',
  'steps',
  'query',
  'to',
  'output',
  'state',
  'parallelism',
  'errors',
  'max_errors',
  'late',
  'exactly_once',
  'no_drain',
  's3',
] as const;

export interface YamlRead {
  ast: PipelineAst;
  bag: DiagnosticBag;
  /** Some part could not be read: checks about what is missing are skipped. */
  partial: boolean;
  /** The stages that came from the top-level `format` / `time` keys (command-line options replace them). */
  header: { format?: Stage; time?: Stage };
}

export function readYaml(path: string, text: string): YamlRead {
  const source = makeSource(path, text);
  const bag = new DiagnosticBag();
  const ctx: YamlCtx = { source, bag };
  const ast: PipelineAst = { source, stages: [], options: {} };
  const result: YamlRead = { ast, bag, partial: true, header: {} };
  const deepAt = firstTooDeep(text, 4 * MAX_YAML_DEPTH);
  if (deepAt >= 0) {
    bag.error(TOO_DEEP, source, { start: deepAt, end: deepAt + 1 });
    return result;
  }
  const doc = parseDocument(text, { prettyErrors: false });
  let deepSeen = false;
  for (const e of doc.errors) {
    const start = Math.min(e.pos[0], text.length);
    // The parser gives up on very deep nesting with the engine's own stack message (once is enough).
    const deep = /call stack/i.test(e.message);
    if (deep && deepSeen) continue;
    deepSeen ||= deep;
    const message = deep ? TOO_DEEP : e.message.replace(/ at line \d+, column \d+[\s\S]*$/, '');
    bag.error(message, source, { start, end: Math.max(start, Math.min(e.pos[1], text.length)) });
  }
  if (doc.errors.length > 0) return result;
  const deep = tooDeep(doc.contents);
  if (deep) {
    bag.error(TOO_DEEP, source, nodeSpan(ctx, deep));
    return result;
  }
  let alias: unknown = null;
  visit(doc, {
    Alias: (_k, node) => {
      alias ??= node;
    },
  });
  if (alias) {
    bag.error('YAML aliases are not supported in pipeline files', source, nodeSpan(ctx, alias));
    return result;
  }
  if (!isMap(doc.contents)) {
    const at = doc.contents ? nodeSpan(ctx, doc.contents) : { start: 0, end: 0 };
    bag.error('a pipeline file is a YAML mapping, like `format: json` and `steps: [...]`', source, at);
    return result;
  }
  let partial = false;
  const body: Stage[] = [];
  let bodyKey: Pair | undefined;
  for (const [key, pair] of knownPairs(ctx, doc.contents, TOP_KEYS, 'top-level')) {
    const before = bag.items.length;
    if (key === 'steps' || key === 'query') {
      if (bodyKey) {
        bag.error('give either `steps` or `query`, not both', source, nodeSpan(ctx, pair.key));
      } else {
        bodyKey = pair;
        partial = readBody(ctx, key, pair, body) || partial;
      }
    } else if (key === 'format') {
      const stage = readFormat(ctx, pair);
      if (stage) result.header.format = stage;
    } else if (key === 'time') {
      const span = pairSpan(ctx, pair);
      const stage = isMap(pair.value) ? readTimeMap(ctx, pair.value, span) : scalarStage(ctx, pair.value, parseTimeBody, span, 'the `time` key');
      if (stage) result.header.time = stage;
    } else {
      readOption(ctx, key, pair, ast.options);
    }
    if (bag.items.length > before) partial = true;
  }
  ast.stages = [result.header.format, result.header.time, ...body].filter((s): s is Stage => s !== undefined);
  result.partial = partial;
  return result;
}

const TOO_DEEP = `the YAML document is nested too deeply (more than ${MAX_YAML_DEPTH} levels)`;

/** The first collection nested deeper than MAX_YAML_DEPTH, if any (walked without recursion). */
function tooDeep(root: unknown): unknown {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth > MAX_YAML_DEPTH) return node;
    for (const item of node.items as unknown[]) {
      if (isPair(item)) {
        stack.push([item.value, depth + 1]);
        stack.push([item.key, depth + 1]);
      } else stack.push([item, depth + 1]);
    }
  }
  return undefined;
}

/** Returns whether something could not be read. */
function readBody(ctx: YamlCtx, key: 'steps' | 'query', pair: Pair, out: Stage[]): boolean {
  if (key === 'query') {
    const s = expectScalar(ctx, pair.value, 'the query as a string');
    if (!s) return true;
    const parsed = parseStages(scalarSegment(ctx, s), ctx.bag);
    out.push(...parsed.stages);
    return parsed.partial;
  }
  if (!isSeq(pair.value)) {
    ctx.bag.error('`steps` is a list, like `- where: status >= 500`', ctx.source, nodeSpan(ctx, pair.value));
    return true;
  }
  let partial = false;
  for (const item of pair.value.items) {
    const parsed = readStep(ctx, item);
    out.push(...parsed.stages);
    partial ||= parsed.partial;
  }
  return partial;
}

function readFormat(ctx: YamlCtx, pair: Pair): Stage | null {
  const span = pairSpan(ctx, pair);
  if (isMap(pair.value)) {
    const found = knownPairs(ctx, pair.value, ['regex'], '`format`')[0];
    const pattern = found ? readString(ctx, found[1].value, 'the regex pattern') : null;
    if (!found && pair.value.items.length === 0) ctx.bag.error('expected `regex: PATTERN`', ctx.source, nodeSpan(ctx, pair.value));
    return pattern && { kind: 'format', format: 'regex', pattern: pattern.value, patternSpan: pattern.span, span };
  }
  const name = readString(ctx, pair.value, 'a format name');
  if (!name) return null;
  if (name.value.startsWith('regex:')) {
    const s = name.span;
    const quoted = ctx.source.text.slice(s.start, s.start + 1).match(/["']/) ? 1 : 0;
    const patternSpan: Span = { start: Math.min(s.end, s.start + quoted + 6), end: Math.max(s.start, s.end - quoted) };
    return { kind: 'format', format: 'regex', pattern: name.value.slice(6), patternSpan, span };
  }
  if (!(FORMAT_NAMES as readonly string[]).includes(name.value) || name.value === 'regex') {
    const help = name.value === 'regex' ? ['write `format: { regex: PATTERN }`'] : didYouMean(name.value, FORMAT_NAMES);
    if (help.length === 0) help.push(`formats are: ${FORMAT_NAMES.join(', ')}`);
    ctx.bag.error(`unknown format \`${name.value}\``, ctx.source, name.span, help);
    return null;
  }
  return { kind: 'format', format: name.value as FormatName, span };
}

function readOption(ctx: YamlCtx, key: string, pair: Pair, options: FileOptions): void {
  const v = pair.value;
  const set = <K extends keyof FileOptions>(k: K, value: FileOptions[K] | null): void => {
    if (value) options[k] = value;
  };
  switch (key) {
    case 'from':
      return set('from', readStringList(ctx, v, 'a path, glob or URL (or a list of them)'));
    case 'follow':
      return set('follow', readBool(ctx, v, key));
    case 'to':
      return set('to', readString(ctx, v, 'an output path'));
    case 'errors':
      return set('errors', readString(ctx, v, 'a path for bad records'));
    case 'late':
      return set('late', readString(ctx, v, 'a path for late events'));
    case 'exactly_once':
      return set('exactlyOnce', readBool(ctx, v, key));
    case 'no_drain':
      return set('noDrain', readBool(ctx, v, key));
    case 'parallelism':
      return set('parallelism', readInt(ctx, v, key, 1, MAX_PARALLELISM, [PARALLELISM_HELP]));
    case 'max_errors':
      return set('maxErrors', readInt(ctx, v, key, 1, undefined, [MAX_ERRORS_HELP]));
    case 'output': {
      const out = readString(ctx, v, 'an output format');
      if (out && !(OUTPUT_FORMATS as readonly string[]).includes(out.value)) {
        const help = didYouMean(out.value, OUTPUT_FORMATS);
        ctx.bag.error(
          `unknown output format \`${out.value}\``,
          ctx.source,
          out.span,
          help.length ? help : [`output formats are: ${OUTPUT_FORMATS.join(', ')}`],
        );
        return;
      }
      return set('output', out);
    }
    case 's3': {
      if (!isMap(v)) {
        ctx.bag.error('expected `{ endpoint: URL, poll: DURATION }`', ctx.source, nodeSpan(ctx, v));
        return;
      }
      for (const [k, p] of knownPairs(ctx, v, ['endpoint', 'poll'], '`s3`')) {
        if (k === 'endpoint') set('s3Endpoint', readString(ctx, p.value, 'an S3-compatible endpoint URL'));
        else {
          const d = readDuration(ctx, p.value, 'poll');
          if (d && d.value <= 0) ctx.bag.error('the S3 poll interval must be longer than 0s', ctx.source, d.span);
          else set('s3PollMs', d);
        }
      }
      return;
    }
    case 'state': {
      if (isScalar(v)) return set('stateDir', readString(ctx, v, 'a state directory'));
      if (!isMap(v)) {
        ctx.bag.error('expected `{ dir: PATH, interval: DURATION }`', ctx.source, nodeSpan(ctx, v));
        return;
      }
      for (const [k, p] of knownPairs(ctx, v, ['dir', 'interval'], '`state`')) {
        if (k === 'dir') set('stateDir', readString(ctx, p.value, 'a state directory'));
        else {
          const d = readDuration(ctx, p.value, 'interval');
          if (d && d.value <= 0) ctx.bag.error('the checkpoint interval must be longer than 0s', ctx.source, d.span);
          else if (d && d.value > MAX_DURATION_MS) ctx.bag.error('the checkpoint interval must be at most 3650d (about 10 years)', ctx.source, d.span);
          else set('checkpointIntervalMs', d);
        }
      }
      return;
    }
  }
}

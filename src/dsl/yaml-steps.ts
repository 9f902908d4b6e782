/**
 * One entry of `steps:` in a YAML pipeline: a one-key map (`- where: EXPR`, `- window: {...}`) or
 * a string holding query stages (`- "where x > 1 | limit 5"`). Expressions are parsed with the
 * query parser over the scalar's text, so spans point into the YAML file.
 */
import { isMap, isScalar, isSeq, type Pair, type YAMLMap } from 'yaml';
import type { AggCall, FieldRef, Stage, WindowAst } from './ast.js';
import { didYouMean } from './did-you-mean.js';
import { parseAggCall, parseAggregateBody } from './parse-aggregate.js';
import { parseExpr, parseField, parseFieldList } from './parse-expr.js';
import { parseStages, parseWhole, STAGE_BODIES, type BodyParser, type ParsedStages } from './parse-query.js';
import type { Span } from './source.js';
import { FORMAT_NAMES } from './vocabulary.js';
import { expectScalar, keyName, knownPairs, nodeSpan, pairSpan, readDuration, readString, scalarSegment, type YamlCtx } from './yaml-nodes.js';

export const STEP_KEYS = ['where', 'eval', 'select', 'drop', 'time', 'window', 'aggregate', 'emit', 'limit', 'top', 'sort', 'dedupe', 'parse'] as const;

type Body = BodyParser;

/** A step written as a string (`- where: status >= 500`) parses like the same query stage. */
const stringBody = (key: (typeof STEP_KEYS)[number]): Body => (key === 'aggregate' ? parseAggregateBody : STAGE_BODIES[key]!);

/** Parses a scalar with a body parser; the stage's span becomes `span` (the whole step). */
export function scalarStage(ctx: YamlCtx, node: unknown, body: Body, span: Span, what: string): Stage | null {
  const s = expectScalar(ctx, node, what);
  if (!s) return null;
  const seg = scalarSegment(ctx, s);
  const stage = parseWhole(seg, ctx.bag, (cur) => body(cur, nodeSpan(ctx, s)), what);
  return stage && { ...stage, span };
}

export function readStep(ctx: YamlCtx, item: unknown): ParsedStages {
  const fail: ParsedStages = { stages: [], partial: true };
  if (isScalar(item) && typeof item.value === 'string') return parseStages(scalarSegment(ctx, item), ctx.bag);
  if (!isMap(item) || item.items.length !== 1) {
    ctx.bag.error('a step is a map with one key, like `- where: status >= 500`', ctx.source, nodeSpan(ctx, item));
    return fail;
  }
  const pair = item.items[0]!;
  const name = keyName(ctx, pair);
  if (name === null) return fail;
  if (!(STEP_KEYS as readonly string[]).includes(name)) {
    const help = (FORMAT_NAMES as readonly string[]).includes(name) ? ['the format is set by the top-level `format` key'] : didYouMean(name, STEP_KEYS);
    if (help.length === 0) help.push(`steps are: ${STEP_KEYS.join(', ')}`);
    ctx.bag.error(`unknown step \`${name}\``, ctx.source, nodeSpan(ctx, pair.key), help);
    return fail;
  }
  const key = name as (typeof STEP_KEYS)[number];
  const span = pairSpan(ctx, pair);
  let stage: Stage | null;
  if (isMap(pair.value) && (key === 'eval' || key === 'window' || key === 'aggregate' || key === 'emit' || key === 'time')) {
    stage = MAP_FORMS[key](ctx, pair.value, span);
  } else if (isSeq(pair.value) && (key === 'select' || key === 'drop')) {
    const fields = readFieldSeq(ctx, pair.value.items);
    stage = fields && { kind: key, fields, span };
  } else {
    stage = scalarStage(ctx, pair.value, stringBody(key), span, `the \`${key}\` step`);
  }
  return stage ? { stages: [stage], partial: false } : fail;
}

function readFieldSeq(ctx: YamlCtx, items: unknown[]): FieldRef[] | null {
  const fields = items.map((it) => {
    const s = expectScalar(ctx, it, 'a field name');
    return s && parseWhole(scalarSegment(ctx, s), ctx.bag, (cur) => parseField(cur), 'the field name');
  });
  return fields.every((f) => f !== null) && fields.length > 0 ? (fields as FieldRef[]) : null;
}

type MapForm = (ctx: YamlCtx, map: YAMLMap, span: Span) => Stage | null;

function exprOf(ctx: YamlCtx, pair: Pair): ReturnType<typeof parseExpr> | null {
  const s = expectScalar(ctx, pair.value, 'an expression');
  return s && parseWhole(scalarSegment(ctx, s), ctx.bag, parseExpr, 'the expression');
}

const MAP_FORMS: Record<'eval' | 'window' | 'aggregate' | 'emit' | 'time', MapForm> = {
  eval(ctx, map, span) {
    const assignments: Extract<Stage, { kind: 'eval' }>['assignments'] = [];
    let ok = map.items.length > 0;
    for (const pair of map.items) {
      const name = keyName(ctx, pair);
      const expr = exprOf(ctx, pair);
      if (name === null || expr === null) ok = false;
      else assignments.push({ name: { name, span: nodeSpan(ctx, pair.key) }, expr });
    }
    return ok ? { kind: 'eval', assignments, span } : null;
  },

  window(ctx, map, span) {
    const pairs = new Map(knownPairs(ctx, map, ['tumbling', 'sliding', 'every', 'session', 'count', 'global'], '`window`'));
    const kinds = [...pairs.keys()].filter((k) => k !== 'every');
    if (kinds.length === 0 && pairs.size < map.items.length) return null;
    if (kinds.length !== 1) {
      ctx.bag.error('`window` needs exactly one of `tumbling`, `sliding`, `session`, `count`, `global`', ctx.source, nodeSpan(ctx, map));
      return null;
    }
    const kind = kinds[0]!;
    const value = pairs.get(kind)!.value;
    const dur = (node: unknown, key: string) => {
      const d = readDuration(ctx, node, key);
      return d && { ms: d.value, span: d.span };
    };
    let window: WindowAst | null = null;
    if (pairs.has('every') && kind !== 'sliding') {
      ctx.bag.error('`every` belongs to a `sliding` window', ctx.source, nodeSpan(ctx, pairs.get('every')!.key));
      return null;
    }
    if (kind === 'tumbling') window = wrap(dur(value, kind), (size) => ({ kind, size }));
    else if (kind === 'session') window = wrap(dur(value, kind), (gap) => ({ kind, gap }));
    else if (kind === 'global') window = { kind };
    else if (kind === 'count') {
      if (isScalar(value) && typeof value.value === 'number') window = { kind, n: value.value, nSpan: nodeSpan(ctx, value) };
      else ctx.bag.error('`count` must be a number of records', ctx.source, nodeSpan(ctx, value));
    } else {
      const size = dur(value, kind);
      if (!pairs.has('every')) ctx.bag.error('a `sliding` window needs `every`', ctx.source, nodeSpan(ctx, map), ['for example `{ sliding: 5m, every: 1m }`']);
      const every = pairs.has('every') ? dur(pairs.get('every')!.value, 'every') : null;
      if (size && every) window = { kind: 'sliding', size, every };
    }
    return window && { kind: 'window', window, span };
  },

  aggregate(ctx, map, span) {
    const aggs: AggCall[] = [];
    let by: FieldRef[] = [];
    let ok = true;
    for (const pair of map.items) {
      const name = keyName(ctx, pair);
      if (name === null) {
        ok = false;
      } else if (name === 'by') {
        const fields = isSeq(pair.value) ? readFieldSeq(ctx, pair.value.items) : scalarFields(ctx, pair.value);
        if (fields) by = fields;
        else ok = false;
      } else {
        const s = expectScalar(ctx, pair.value, 'an aggregate such as `count()` or `sum(bytes)`');
        const call = s && parseWhole(scalarSegment(ctx, s), ctx.bag, (cur) => parseAggCall(cur, false), 'the aggregate');
        if (call) aggs.push({ ...call, alias: { name, span: nodeSpan(ctx, pair.key) } });
        else ok = false;
      }
    }
    if (ok && aggs.length === 0) {
      ctx.bag.error('`aggregate` needs at least one output, like `count: count()`', ctx.source, nodeSpan(ctx, map));
      ok = false;
    }
    return ok ? { kind: 'aggregate', aggs, by, span } : null;
  },

  emit(ctx, map, span) {
    const pair = knownPairs(ctx, map, ['every'], '`emit`')[0];
    if (!pair) ctx.bag.error('`emit` needs `every`', ctx.source, nodeSpan(ctx, map), ['for example `emit: { every: 10s }`']);
    const every = pair ? readDuration(ctx, pair[1].value, 'every') : null;
    return every && { kind: 'emit', every: { ms: every.value, span: every.span }, span };
  },

  time(ctx, map, span) {
    return readTimeMap(ctx, map, span);
  },
};

function wrap<T, R>(v: T | null, f: (v: T) => R): R | null {
  return v === null ? null : f(v);
}

function scalarFields(ctx: YamlCtx, node: unknown): FieldRef[] | null {
  const s = expectScalar(ctx, node, 'field names');
  return s && parseWhole(scalarSegment(ctx, s), ctx.bag, parseFieldList, 'the field names');
}

/** `{ field, format, lag, idle }` (the top-level `time:` key or a `time` step). */
export function readTimeMap(ctx: YamlCtx, map: YAMLMap, span: Span): Stage | null {
  const pairs = new Map(knownPairs(ctx, map, ['field', 'format', 'lag', 'idle'], '`time`'));
  const errorsBefore = ctx.bag.items.length;
  const fieldPair = pairs.get('field');
  if (!fieldPair) {
    ctx.bag.error('`time` needs `field`', ctx.source, nodeSpan(ctx, map), ['for example `time: { field: ts, lag: 5s }`']);
    return null;
  }
  const fs = expectScalar(ctx, fieldPair.value, 'the event-time field');
  const field = fs && parseWhole(scalarSegment(ctx, fs), ctx.bag, (cur) => parseField(cur), 'the field name');
  const stage: Extract<Stage, { kind: 'time' }> = { kind: 'time', mode: 'event', span };
  if (field) stage.field = field;
  if (pairs.has('format')) {
    const f = readString(ctx, pairs.get('format')!.value, 'a time format string');
    if (f) stage.format = f;
  }
  for (const key of ['lag', 'idle'] as const) {
    if (!pairs.has(key)) continue;
    const d = readDuration(ctx, pairs.get(key)!.value, key);
    if (d) stage[key] = { ms: d.value, span: d.span };
  }
  return ctx.bag.items.length > errorsBefore ? null : stage;
}

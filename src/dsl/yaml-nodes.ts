/** Reading typed values out of YAML nodes, with spans into the YAML file and errors that point there. */
import { isMap, isScalar, isSeq, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { OptionValue } from './ast.js';
import type { DiagnosticBag } from './diagnostic.js';
import { didYouMean } from './did-you-mean.js';
import { DURATION_HELP, parseDuration } from '../common/time/duration.js';
import { alignedSegment, exactSegment, type Segment } from './segment.js';
import type { SourceFile, Span } from './source.js';

export interface YamlCtx {
  source: SourceFile;
  bag: DiagnosticBag;
}

/** The span of a node's value (without trailing comments); empty at 0 when the node has no range. */
export function nodeSpan(ctx: YamlCtx, node: unknown): Span {
  const range = (node as { range?: [number, number, number] | null } | null)?.range;
  const len = ctx.source.text.length;
  if (!range) return { start: 0, end: 0 };
  const start = Math.min(range[0], len);
  return { start, end: Math.max(start, Math.min(range[1], len)) };
}

/** From the start of a pair's key to the end of its value. */
export function pairSpan(ctx: YamlCtx, pair: Pair): Span {
  const k = nodeSpan(ctx, pair.key);
  const v = pair.value ? nodeSpan(ctx, pair.value) : k;
  return { start: k.start, end: Math.max(k.end, v.end) };
}

/** The key of a pair as a string; null (after an error) when it is not a scalar. */
export function keyName(ctx: YamlCtx, pair: Pair): string | null {
  if (isScalar(pair.key) && pair.key.value !== null && typeof pair.key.value !== 'object') return String(pair.key.value);
  ctx.bag.error('expected a plain key', ctx.source, nodeSpan(ctx, pair.key));
  return null;
}

/**
 * The segment to lex for an expression written as a scalar. A plain scalar is lexed from its raw
 * text (exact spans, and `where: true` stays an expression); a quoted scalar from its inner text
 * when that equals its value; otherwise the value is aligned with the raw text.
 */
export function scalarSegment(ctx: YamlCtx, node: Scalar): Segment {
  const { start, end } = nodeSpan(ctx, node);
  const raw = ctx.source.text.slice(start, end);
  const value = node.value === null || node.value === undefined ? '' : String(node.value);
  if (node.type === 'PLAIN' || node.type === undefined) return exactSegment(ctx.source, start, raw);
  if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') {
    const inner = raw.slice(1, Math.max(1, raw.length - 1));
    if (inner === value) return exactSegment(ctx.source, start + 1, inner);
    return alignedSegment(ctx.source, value, start + 1, Math.max(start + 1, end - 1));
  }
  return alignedSegment(ctx.source, value, start, end);
}

export function expectScalar(ctx: YamlCtx, node: unknown, what: string): Scalar | null {
  if (isScalar(node)) return node;
  ctx.bag.error(`expected ${what}`, ctx.source, nodeSpan(ctx, node));
  return null;
}

export function expectMap(ctx: YamlCtx, node: unknown, what: string): YAMLMap | null {
  if (isMap(node)) return node;
  ctx.bag.error(`expected ${what}`, ctx.source, nodeSpan(ctx, node));
  return null;
}

export function readString(ctx: YamlCtx, node: unknown, what: string): OptionValue<string> | null {
  const s = expectScalar(ctx, node, what);
  if (!s) return null;
  if (typeof s.value !== 'string' || s.value === '') {
    ctx.bag.error(`expected ${what}`, ctx.source, nodeSpan(ctx, node));
    return null;
  }
  return { value: s.value, span: nodeSpan(ctx, node) };
}

/** A string, or a list of strings. */
export function readStringList(ctx: YamlCtx, node: unknown, what: string): OptionValue<string[]> | null {
  if (!isSeq(node)) {
    const one = readString(ctx, node, what);
    return one && { value: [one.value], span: one.span };
  }
  const items = node.items.map((item) => readString(ctx, item, what));
  if (items.some((i) => i === null) || items.length === 0) {
    if (items.length === 0) ctx.bag.error(`expected ${what}`, ctx.source, nodeSpan(ctx, node));
    return null;
  }
  return { value: items.map((i) => i!.value), span: nodeSpan(ctx, node) };
}

export function readBool(ctx: YamlCtx, node: unknown, key: string): OptionValue<boolean> | null {
  if (isScalar(node) && typeof node.value === 'boolean') return { value: node.value, span: nodeSpan(ctx, node) };
  ctx.bag.error(`\`${key}\` must be \`true\` or \`false\``, ctx.source, nodeSpan(ctx, node));
  return null;
}

/** A whole number in `[min, max]` (`max` absent: no upper bound). */
export function readInt(ctx: YamlCtx, node: unknown, key: string, min: number, max?: number, help: string[] = []): OptionValue<number> | null {
  if (isScalar(node) && typeof node.value === 'number' && Number.isInteger(node.value) && node.value >= min && node.value <= (max ?? Infinity)) {
    return { value: node.value, span: nodeSpan(ctx, node) };
  }
  const range = max === undefined ? `>= ${min}` : `from ${min} to ${max}`;
  ctx.bag.error(`\`${key}\` must be an integer ${range}`, ctx.source, nodeSpan(ctx, node), help);
  return null;
}

export function readDuration(ctx: YamlCtx, node: unknown, key: string): OptionValue<number> | null {
  const s = expectScalar(ctx, node, `a duration for \`${key}\``);
  if (!s) return null;
  const ms = typeof s.value === 'string' ? parseDuration(s.value) : null;
  if (ms === null) {
    const msg = typeof s.value === 'number' ? `\`${s.value}\` needs a unit` : `invalid duration for \`${key}\``;
    ctx.bag.error(msg, ctx.source, nodeSpan(ctx, node), [DURATION_HELP]);
    return null;
  }
  return { value: ms, span: nodeSpan(ctx, node) };
}

/** The pairs of a map whose keys are all in `allowed`; an unknown key is an error with did-you-mean. */
export function knownPairs(ctx: YamlCtx, map: YAMLMap, allowed: readonly string[], where: string): [string, Pair][] {
  const out: [string, Pair][] = [];
  for (const pair of map.items) {
    const name = keyName(ctx, pair);
    if (name === null) continue;
    if (!allowed.includes(name)) {
      const help = didYouMean(name, allowed);
      if (help.length === 0) help.push(`${where} keys are: ${allowed.join(', ')}`);
      ctx.bag.error(`unknown key \`${name}\`${where === 'top-level' ? '' : ` in ${where}`}`, ctx.source, nodeSpan(ctx, pair.key), help);
      continue;
    }
    out.push([name, pair]);
  }
  return out;
}

/**
 * What follows each stage keyword. The query parser calls these after the keyword; the YAML
 * reader calls them on a step written as a string (`window: sliding 5m every 1m`).
 */
import type { Duration, Ident, OrderKey, Stage, WindowAst } from './ast.js';
import { DURATION_HELP, parseDuration } from '../common/time/duration.js';
import { parseExpr, parseField, parseFieldList } from './parse-expr.js';
import type { Span } from './source.js';
import { describe, join, type TokenCursor } from './token-cursor.js';
import { didYouMean } from './did-you-mean.js';
import { WINDOW_KINDS } from './vocabulary.js';

export function parseDurationToken(cur: TokenCursor, what: string): Duration {
  const t = cur.peek();
  if (t.kind === 'number') cur.fail(`\`${t.text}\` needs a unit`, [DURATION_HELP]);
  if (t.kind !== 'duration') cur.fail(`expected ${what}, found ${describe(t)}`, [DURATION_HELP]);
  const ms = parseDuration(t.text);
  if (ms === null) cur.fail(`invalid duration \`${t.text}\``, [DURATION_HELP]);
  cur.next();
  return { ms, span: t.span };
}

function parseCount(cur: TokenCursor, what: string): { n: number; nSpan: Span } {
  const t = cur.peek();
  if (t.kind !== 'number') cur.fail(`expected ${what}, found ${describe(t)}`);
  cur.next();
  return { n: t.num ?? 0, nSpan: t.span };
}

function end(cur: TokenCursor, start: Span): Span {
  return join(start, cur.prev().span);
}

export function parseWhereBody(cur: TokenCursor, start: Span): Stage {
  const expr = parseExpr(cur);
  return { kind: 'where', expr, span: join(start, expr.span) };
}

export function parseEvalBody(cur: TokenCursor, start: Span): Stage {
  const assignments: { name: Ident; expr: ReturnType<typeof parseExpr> }[] = [];
  do {
    const t = cur.peek();
    if (t.kind !== 'ident' && t.kind !== 'quoted') cur.fail(`expected a field name to assign, found ${describe(t)}`, ['write `eval NAME = EXPR, ...`']);
    cur.next();
    cur.expectOp('=', '`=`');
    assignments.push({ name: { name: t.text, span: t.span }, expr: parseExpr(cur) });
  } while (cur.eatOp(','));
  return { kind: 'eval', assignments, span: end(cur, start) };
}

export function parseSelectBody(cur: TokenCursor, start: Span, kind: 'select' | 'drop'): Stage {
  const fields = parseFieldList(cur);
  return { kind, fields, span: end(cur, start) };
}

export function parseTimeBody(cur: TokenCursor, start: Span): Stage {
  if (cur.isWord('ingestion') || cur.isWord('processing')) {
    const mode = cur.next().text as 'ingestion' | 'processing';
    return { kind: 'time', mode, span: end(cur, start) };
  }
  const field = parseField(cur, 'the event-time field (or `ingestion` / `processing`)');
  const stage: Extract<Stage, { kind: 'time' }> = { kind: 'time', mode: 'event', field, span: start };
  for (;;) {
    const t = cur.peek();
    const word = t.kind === 'ident' ? t.text : '';
    if (word !== 'format' && word !== 'lag' && word !== 'idle') break;
    if (stage[word] !== undefined) cur.fail(`\`${word}\` is given twice`);
    cur.next();
    if (word === 'format') {
      const f = cur.peek();
      if (f.kind !== 'string') cur.fail(`expected the time format as a string, found ${describe(f)}`, ['for example `format "%d/%b/%Y:%H:%M:%S %z"`']);
      cur.next();
      stage.format = { value: f.text, span: f.span };
    } else {
      stage[word] = parseDurationToken(cur, `a duration after \`${word}\``);
    }
  }
  stage.span = end(cur, start);
  return stage;
}

export function parseWindowBody(cur: TokenCursor, start: Span): Stage {
  const t = cur.peek();
  let window: WindowAst;
  const kind = t.kind === 'ident' ? t.text : '';
  if (!WINDOW_KINDS.has(kind)) {
    const help = t.kind === 'ident' ? didYouMean(kind, WINDOW_KINDS.keys()) : [];
    cur.fail(`expected a window kind, found ${describe(t)}`, help.length > 0 ? help : [`windows are: ${[...WINDOW_KINDS.keys()].join(', ')}`]);
  }
  cur.next();
  if (kind === 'tumbling') window = { kind, size: parseDurationToken(cur, 'the window size') };
  else if (kind === 'sliding') {
    const size = parseDurationToken(cur, 'the window size');
    if (!cur.eatWord('every')) cur.fail(`expected \`every\` and the slide, found ${describe(cur.peek())}`, ['write `window sliding 5m every 1m`']);
    window = { kind, size, every: parseDurationToken(cur, 'the slide after `every`') };
  } else if (kind === 'session') window = { kind, gap: parseDurationToken(cur, 'the session gap') };
  else if (kind === 'global') window = { kind };
  else window = { kind: 'count', ...parseCount(cur, 'the number of records per window') };
  return { kind: 'window', window, span: end(cur, start) };
}

export function parseEmitBody(cur: TokenCursor, start: Span): Stage {
  if (!cur.eatWord('every')) cur.fail(`expected \`every\`, found ${describe(cur.peek())}`, ['write `emit every 10s`']);
  const every = parseDurationToken(cur, 'a duration after `every`');
  return { kind: 'emit', every, span: end(cur, start) };
}

export function parseLimitBody(cur: TokenCursor, start: Span): Stage {
  const { n, nSpan } = parseCount(cur, 'the number of records');
  return { kind: 'limit', n, nSpan, span: end(cur, start) };
}

export function parseRegexBody(cur: TokenCursor, start: Span): Stage {
  const t = cur.peek();
  if (t.kind !== 'string') cur.fail(`expected the pattern as a string, found ${describe(t)}`, ['for example `regex "(?<ip>\\S+) (?<rest>.*)"`']);
  cur.next();
  // `regex "PAT" from F`: a field of a record already decoded, not the line.
  if (cur.eatWord('from')) {
    const from = parseField(cur);
    return { kind: 'parse', word: 'regex', pattern: t.text, patternSpan: t.span, from, names: [], span: end(cur, start) };
  }
  return { kind: 'format', format: 'regex', pattern: t.text, patternSpan: t.span, span: join(start, t.span) };
}

/** `top N [by F, ...] [order by EXPR [asc|desc], ...]`. */
export function parseTopBody(cur: TokenCursor, start: Span): Stage {
  const { n, nSpan } = parseCount(cur, 'how many records to keep');
  const by = cur.eatWord('by') ? parseFieldList(cur) : [];
  let keys: OrderKey[] = [];
  if (cur.eatWord('order')) {
    if (!cur.eatWord('by')) cur.fail(`expected \`by\` after \`order\`, found ${describe(cur.peek())}`, ['write `order by count desc`']);
    keys = parseOrderKeys(cur);
  }
  return { kind: 'order', word: 'top', n, nSpan, by, keys, span: end(cur, start) };
}

/** `sort EXPR [asc|desc], ...`. */
export function parseSortBody(cur: TokenCursor, start: Span): Stage {
  return { kind: 'order', word: 'sort', n: null, nSpan: null, by: [], keys: parseOrderKeys(cur), span: end(cur, start) };
}

function parseOrderKeys(cur: TokenCursor): OrderKey[] {
  const keys: OrderKey[] = [];
  do {
    const expr = parseExpr(cur);
    const desc = cur.eatWord('desc');
    if (!desc) cur.eatWord('asc');
    keys.push({ expr, desc });
  } while (cur.eatOp(','));
  return keys;
}

/** `dedupe F, ... [within DUR]`. */
export function parseDedupeBody(cur: TokenCursor, start: Span): Stage {
  const fields = parseFieldList(cur);
  const within = cur.eatWord('within') ? parseDurationToken(cur, 'a duration after `within`') : null;
  return { kind: 'dedupe', fields, within, span: end(cur, start) };
}

/** `parse "PATTERN" [from F] as NAME, ...`: each `*` of the pattern captures into the next name. */
export function parseParseBody(cur: TokenCursor, start: Span): Stage {
  const t = cur.peek();
  if (t.kind !== 'string')
    cur.fail(`expected the pattern as a string, found ${describe(t)}`, ['for example `parse "user=* action=*" from msg as user, action`']);
  cur.next();
  const from = cur.eatWord('from') ? parseField(cur) : null;
  if (!cur.eatWord('as'))
    cur.fail(`expected \`as\` and a name for each \`*\`, found ${describe(cur.peek())}`, ['for example `parse "user=* action=*" from msg as user, action`']);
  const names: Ident[] = [];
  do {
    const n = cur.peek();
    if (n.kind !== 'ident' && n.kind !== 'quoted') cur.fail(`expected a field name, found ${describe(n)}`);
    cur.next();
    names.push({ name: n.text, span: n.span });
  } while (cur.eatOp(','));
  return { kind: 'parse', word: 'parse', pattern: t.text, patternSpan: t.span, from, names, span: end(cur, start) };
}

/** The query-string parser (SPEC §2): stages joined by `|`, each parsed by its body parser. */
import type { FormatName, Stage } from './ast.js';
import type { DiagnosticBag } from './diagnostic.js';
import { didYouMean } from './did-you-mean.js';
import { tokenize } from './lexer.js';
import { parseAggregateBody } from './parse-aggregate.js';
import {
  parseEmitBody,
  parseEvalBody,
  parseDedupeBody,
  parseParseBody,
  parseLimitBody,
  parseSortBody,
  parseTopBody,
  parseRegexBody,
  parseSelectBody,
  parseTimeBody,
  parseWhereBody,
  parseWindowBody,
} from './parse-stage-bodies.js';
import type { Segment } from './segment.js';
import type { Span } from './source.js';
import { describe, ParseAbort, TokenCursor } from './token-cursor.js';
import { AGG_FUNCS, FORMAT_NAMES, STAGE_NAMES } from './vocabulary.js';

export interface ParsedStages {
  stages: Stage[];
  /** Some stage could not be parsed (and was left out): checks about what is missing are skipped. */
  partial: boolean;
}

export type BodyParser = (cur: TokenCursor, start: Span) => Stage;

/** The parsers of the stages that start with a keyword; the YAML reader uses them for its steps too. */
export const STAGE_BODIES: Record<string, BodyParser> = {
  where: parseWhereBody,
  eval: parseEvalBody,
  select: (cur, start) => parseSelectBody(cur, start, 'select'),
  drop: (cur, start) => parseSelectBody(cur, start, 'drop'),
  time: parseTimeBody,
  window: parseWindowBody,
  emit: parseEmitBody,
  limit: parseLimitBody,
  top: parseTopBody,
  dedupe: parseDedupeBody,
  parse: parseParseBody,
  sort: parseSortBody,
  regex: parseRegexBody,
};

/** One stage, at its first token; leaves the cursor after it. */
export function parseStage(cur: TokenCursor): Stage {
  const t = cur.peek();
  if (t.kind !== 'ident') cur.fail(`expected a stage, found ${describe(t)}`);
  const body = Object.hasOwn(STAGE_BODIES, t.text) ? STAGE_BODIES[t.text] : undefined;
  if (body) {
    cur.next();
    return body(cur, t.span);
  }
  if ((FORMAT_NAMES as readonly string[]).includes(t.text)) {
    cur.next();
    return { kind: 'format', format: t.text as FormatName, span: t.span };
  }
  // A stage that starts like a call is an aggregation, even with an unknown function: the checker
  // then says "unknown aggregate function", which is the better message.
  if (AGG_FUNCS.has(t.text) || cur.isOp('(', 1)) return parseAggregateBody(cur, t.span);
  const help = didYouMean(t.text, [...STAGE_NAMES, ...AGG_FUNCS.keys()]);
  if (t.text === 'by') help.push('an aggregation starts with its aggregates: `count by host`');
  if (help.length === 0) help.push(`stages are: ${STAGE_NAMES.join(', ')}, or an aggregation like \`count by host\``);
  return cur.fail(`unknown stage \`${t.text}\``, help, t.span);
}

/** Parses `seg` as a whole query: stages joined by `|`. */
export function parseStages(seg: Segment, bag: DiagnosticBag): ParsedStages {
  const errorsBefore = bag.items.length;
  const cur = new TokenCursor(tokenize(seg, bag), seg.source, bag);
  const stages: Stage[] = [];
  let partial = false;
  if (cur.atEnd()) return { stages, partial: bag.items.length > errorsBefore };
  for (;;) {
    try {
      stages.push(parseStage(cur));
      if (!cur.atEnd() && !cur.isOp('|')) cur.fail(`expected \`|\` or the end of the query, found ${describe(cur.peek())}`);
    } catch (e) {
      if (!(e instanceof ParseAbort)) throw e;
      partial = true;
      cur.skipToPipe();
    }
    if (cur.atEnd()) break;
    const pipe = cur.next();
    if (cur.atEnd()) {
      bag.error('expected a stage after `|`', seg.source, pipe.span, ['remove the trailing `|`']);
      partial = true;
      break;
    }
  }
  return { stages, partial: partial || bag.items.length > errorsBefore };
}

/** Runs a body parser over a whole segment, which must hold nothing else. Null after an error. */
export function parseWhole<T>(seg: Segment, bag: DiagnosticBag, parse: (cur: TokenCursor) => T, what: string): T | null {
  const errorsBefore = bag.items.length;
  const cur = new TokenCursor(tokenize(seg, bag), seg.source, bag);
  try {
    const result = parse(cur);
    if (!cur.atEnd()) cur.fail(`unexpected ${describe(cur.peek())} after ${what}`);
    return bag.items.length > errorsBefore ? null : result;
  } catch (e) {
    if (e instanceof ParseAbort) return null;
    throw e;
  }
}

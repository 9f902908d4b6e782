/** Checks on one stage by itself: values in range, valid regexes and time formats, known functions. */
import { validateTimeFormat } from '../common/time/timestamp-parser.js';
import type { Duration, ParseStage, Stage } from './ast.js';
import { groupNames, wildcardRegex } from '../common/regex/pattern-parts.js';
import { checkAggregate } from './check-aggregate.js';
import { checkExpr, regexProblem } from './check-exprs.js';
import type { DiagnosticBag } from './diagnostic.js';
import { formatDuration } from '../common/time/duration.js';
import { MAX_COUNT, MAX_DURATION_MS, MAX_WINDOWS_PER_EVENT } from '../plan/limits.js';
import type { NodeSources } from './node-sources.js';
import type { SourceFile, Span } from './source.js';
import { compileUserRegex } from '../common/regex/user-regex.js';

const TIME_FORMAT_HELP = 'directives: %Y %y %m %d %e %j %H %I %M %S %f %b %B %h %a %A %p %z %Z %s %T %F %%';

export function checkStage(stage: Stage, sources: NodeSources, bag: DiagnosticBag): void {
  const src = sources.of(stage);
  /** A duration no longer than MAX_DURATION_MS and, unless `zero` is allowed, longer than 0s. */
  const duration = (d: Duration | undefined, what: string, zero = false): void => {
    if (!d) return;
    if (!zero && !(d.ms > 0)) bag.error(`${what} must be longer than 0s`, sources.of(d, stage), d.span);
    else if (!(d.ms <= MAX_DURATION_MS)) {
      bag.error(`${what} must be at most ${formatDuration(MAX_DURATION_MS)} (about 10 years)`, sources.of(d, stage), d.span);
    }
  };
  const count = (n: number, span: Span, what: string): void => {
    if (!(Number.isInteger(n) && n > 0 && n <= MAX_COUNT)) {
      const written = src.text.slice(span.start, span.end) || String(n);
      bag.error(`${what} must be a whole number from 1 to ${MAX_COUNT}, not \`${written}\``, src, span);
    }
  };
  switch (stage.kind) {
    case 'format':
      if (stage.format === 'regex') checkFormatRegex(stage.pattern ?? '', sources.of(stage), stage.patternSpan ?? stage.span, bag);
      return;
    case 'where':
      return checkExpr(stage.expr, src, bag);
    case 'eval':
      for (const a of stage.assignments) checkExpr(a.expr, src, bag);
      return;
    case 'select':
    case 'drop':
      return;
    case 'time':
      duration(stage.lag, '`lag`', true);
      duration(stage.idle, '`idle`');
      if (stage.format) checkTimeFormat(stage.format.value, sources.of(stage.format, stage), stage.format.span, bag);
      return;
    case 'window': {
      const w = stage.window;
      if (w.kind === 'tumbling') duration(w.size, 'the window size');
      else if (w.kind === 'session') duration(w.gap, 'the session gap');
      else if (w.kind === 'count') count(w.n, w.nSpan, 'the window count');
      else if (w.kind === 'sliding') checkSliding(w.size, w.every, src, bag, duration);
      return;
    }
    case 'aggregate':
      return checkAggregate(stage, src, bag);
    case 'emit':
      return duration(stage.every, 'the emit interval');
    case 'limit':
      return count(stage.n, stage.nSpan, 'the limit');
    case 'parse':
      return checkParse(stage, src, bag);
    case 'dedupe':
      if (stage.within) duration(stage.within, 'the span of `within`');
      return;
    case 'order':
      if (stage.n !== null) count(stage.n, stage.nSpan ?? stage.span, `the number of records of \`top\``);
      for (const k of stage.keys) checkExpr(k.expr, src, bag);
      return;
  }
}

function checkSliding(size: Duration, every: Duration, src: SourceFile, bag: DiagnosticBag, duration: (d: Duration, what: string) => void): void {
  const errorsBefore = bag.items.length;
  duration(size, 'the window size');
  duration(every, 'the slide');
  if (bag.items.length > errorsBefore) return;
  if (every.ms > size.ms) {
    bag.error('the slide is longer than the window: some events would fall in no window', src, every.span, [
      'a sliding window needs `every` <= its size; for windows that do not overlap use `window tumbling`',
    ]);
  } else if (size.ms / every.ms > MAX_WINDOWS_PER_EVENT) {
    bag.error(`each event would fall in ${Math.ceil(size.ms / every.ms)} windows (at most ${MAX_WINDOWS_PER_EVENT})`, src, every.span, [
      `a sliding window puts each event in size / slide windows: make the slide at least ${formatDuration(Math.ceil(size.ms / MAX_WINDOWS_PER_EVENT))}, or use \`window tumbling\` with \`emit every\``,
    ]);
  }
}

function checkTimeFormat(format: string, source: SourceFile, span: Span, bag: DiagnosticBag): void {
  try {
    validateTimeFormat(format);
  } catch (e) {
    const bad = /`(%[^`]*)`/.exec(e instanceof Error ? e.message : '')?.[1] ?? '%';
    bag.error(`unsupported directive \`${bad}\` in the time format`, source, span, [TIME_FORMAT_HELP]);
  }
}

function checkFormatRegex(pattern: string, source: SourceFile, span: Span, bag: DiagnosticBag): void {
  const problem = regexProblem(pattern);
  if (problem) {
    bag.error(problem.message, source, span, problem.help);
    return;
  }
  // An alternative that matches the empty string lets exec() report every named group.
  const probe = compileUserRegex(pattern);
  const groups = new RegExp(`(?:${probe.source})|`, probe.flags).exec('')?.groups;
  if (!groups || Object.keys(groups).length === 0) {
    bag.error('the regex format needs named groups: they become the fields', source, span, ['for example `regex "(?<ip>\\S+) (?<msg>.*)"`']);
  }
}

function checkParse(stage: ParseStage, source: SourceFile, bag: DiagnosticBag): void {
  if (stage.word === 'regex') {
    const problem = regexProblem(stage.pattern);
    if (problem) bag.error(problem.message, source, stage.patternSpan, problem.help);
    else if (groupNames(stage.pattern).length === 0)
      bag.error('`regex ... from` needs named groups: they become the fields', source, stage.patternSpan, [
        'for example `regex "user=(?<user>\\w+)" from msg`',
      ]);
    return;
  }
  const { source: re, wildcards } = wildcardRegex(stage.pattern);
  const problem = regexProblem(re);
  if (problem) {
    bag.error(problem.message, source, stage.patternSpan, problem.help);
    return;
  }
  if (wildcards !== stage.names.length) {
    bag.error(
      `the pattern has ${wildcards} \`*\` and ${stage.names.length} name${stage.names.length === 1 ? '' : 's'} after \`as\`: one name per \`*\``,
      source,
      stage.span,
      ['name a `*` you do not want `_`'],
    );
  }
}

/** Checks on one stage by itself: values in range, valid regexes, known functions. */
import type { Duration, Stage } from './ast.js';
import { checkAggregate } from './check-aggregate.js';
import { checkExpr, regexProblem } from './check-exprs.js';
import type { DiagnosticBag } from './diagnostic.js';
import type { NodeSources } from './node-sources.js';
import type { SourceFile, Span } from './source.js';
import { compileUserRegex } from './user-regex.js';

export function checkStage(stage: Stage, sources: NodeSources, bag: DiagnosticBag): void {
  const src = sources.of(stage);
  const positive = (d: Duration | undefined, what: string): void => {
    if (d && !(d.ms > 0)) bag.error(`${what} must be longer than 0s`, sources.of(d, stage), d.span);
  };
  const count = (n: number, span: Span, what: string): void => {
    if (!(Number.isInteger(n) && n > 0)) bag.error(`${what} must be a whole number above 0, not \`${n}\``, src, span);
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
      return positive(stage.idle, '`idle`');
    case 'window': {
      const w = stage.window;
      if (w.kind === 'tumbling') positive(w.size, 'the window size');
      else if (w.kind === 'session') positive(w.gap, 'the session gap');
      else if (w.kind === 'count') count(w.n, w.nSpan, 'the window count');
      else if (w.kind === 'sliding') {
        positive(w.size, 'the window size');
        positive(w.every, 'the slide');
        if (w.every.ms > w.size.ms && w.size.ms > 0) {
          bag.error('the slide is longer than the window: some events would fall in no window', src, w.every.span, [
            'a sliding window needs `every` <= its size; for windows that do not overlap use `window tumbling`',
          ]);
        }
      }
      return;
    }
    case 'aggregate':
      return checkAggregate(stage, src, bag);
    case 'emit':
      return positive(stage.every, 'the emit interval');
    case 'limit':
      return count(stage.n, stage.nSpan, 'the limit');
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

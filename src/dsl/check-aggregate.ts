/** Checks on an aggregation stage: known aggregates, arities, quantiles, distinct output names. */
import { aggOutputName, normaliseQ } from './agg-names.js';
import type { Stage } from './ast.js';
import { checkExpr } from './check-exprs.js';
import type { DiagnosticBag } from './diagnostic.js';
import { didYouMean } from './did-you-mean.js';
import type { SourceFile, Span } from './source.js';
import { AGG_FUNCS, describeArity, SCALAR_FUNCS } from './vocabulary.js';

export function checkAggregate(stage: Extract<Stage, { kind: 'aggregate' }>, source: SourceFile, bag: DiagnosticBag): void {
  const names = new Map<string, Span>();
  const claim = (name: string, span: Span): void => {
    if (names.has(name)) {
      bag.error(`the output name \`${name}\` is used twice`, source, span, ['name one of them with `as NAME`']);
    } else {
      names.set(name, span);
    }
  };
  for (const f of stage.by) claim(f.path[f.path.length - 1]!, f.span);
  for (const call of stage.aggs) {
    for (const a of call.args) checkExpr(a, source, bag);
    const name = call.fn.name;
    const arity = AGG_FUNCS.get(name);
    if (!arity) {
      const help = SCALAR_FUNCS.has(name)
        ? [`\`${name}\` works on one record; use it in \`eval\` or inside an aggregate, like \`max(${name}(x))\``]
        : didYouMean(name, AGG_FUNCS.keys());
      if (help.length === 0) help.push(`aggregates are: ${[...AGG_FUNCS.keys()].join(', ')}`);
      bag.error(SCALAR_FUNCS.has(name) ? `\`${name}\` is not an aggregate function` : `unknown aggregate function \`${name}\``, source, call.fn.span, help);
      continue;
    }
    if (call.args.length < arity.min || call.args.length > arity.max) {
      bag.error(`\`${name}\` takes ${describeArity(arity)}, but ${call.args.length} ${call.args.length === 1 ? 'was' : 'were'} given`, source, call.span, [
        arity.min === 1 ? `for example \`${name}(latency_ms)\`` : name === 'percentile' ? 'for example `percentile(latency_ms, 0.95)`' : 'for example `count`',
      ]);
      continue;
    }
    if (name === 'percentile') {
      const q = call.args[1]!;
      if (q.kind !== 'literal' || typeof q.value !== 'number') {
        bag.error('the quantile must be a number', source, q.span, ['for example `percentile(latency_ms, 0.95)`']);
      } else if (normaliseQ(q.value) === null) {
        const written = source.text.slice(q.span.start, q.span.end);
        const hint = q.value > 1 && q.value <= 100 ? ` (for ${q.value}% write \`${q.value / 100}\`)` : '';
        bag.error(`the quantile \`${written}\` is out of range`, source, q.span, [
          `a quantile is between 0 and 1, like \`percentile(latency_ms, 0.95)\`${hint}; \`p50\`, \`p90\`, \`p95\`, \`p99\` are short for the usual ones`,
        ]);
      }
    }
    claim(aggOutputName(call), call.alias?.span ?? call.span);
  }
}

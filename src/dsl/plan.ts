/** AST → Plan (plan-types.ts). Runs on a checked pipeline: it assumes no errors are left. */
import { aggOutputName, canonicalAgg, normaliseQ, SHORT_PERCENTILES } from './agg-names.js';
import type { AggCall, Stage, WindowAst } from './ast.js';
import { fieldsRead } from '../plan/fields-read.js';
import type { AggSpec, FormatSpec, InputSpec, Origin, OutputSpec, Plan, Step, TimeSpec, WindowSpec } from '../plan/types.js';
import { toPExpr } from './to-pexpr.js';
import { groupNames, wildcardRegex } from '../common/regex/pattern-parts.js';

export interface PlanInput {
  /** The stages in effect: as written, with command-line `--format` / `--time` applied. */
  stages: Stage[];
  originOf(stage: Stage): Origin;
  input: InputSpec;
  output: OutputSpec;
}

export function buildPlan({ stages, originOf, input, output }: PlanInput): Plan {
  const formatStage = stages.find((s) => s.kind === 'format');
  const format: FormatSpec = formatStage
    ? formatStage.pattern !== undefined
      ? { kind: formatStage.format, pattern: formatStage.pattern }
      : { kind: formatStage.format }
    : { kind: 'json' };
  let window: WindowAst | undefined;
  let pendingEmit: Stage | undefined;
  let time: TimeSpec = { kind: 'processing' };
  const steps: Step[] = [];
  for (const [i, stage] of stages.entries()) {
    const origin = originOf(stage);
    switch (stage.kind) {
      case 'format':
        break;
      case 'emit':
        if (window !== undefined) pendingEmit = stage;
        break;
      case 'where':
        steps.push({ op: 'where', expr: toPExpr(stage.expr), origin });
        break;
      case 'eval':
        steps.push({ op: 'eval', assign: stage.assignments.map((a) => ({ name: a.name.name, expr: toPExpr(a.expr) })), origin });
        break;
      case 'select':
      case 'drop':
        steps.push({ op: stage.kind, fields: stage.fields.map((f) => [...f.path]), origin });
        break;
      case 'limit':
        steps.push({ op: 'limit', n: stage.n, origin });
        break;
      case 'parse': {
        const from = stage.from ? [...stage.from.path] : ['line'];
        if (stage.word === 'regex') {
          steps.push({ op: 'parse', regex: stage.pattern, from, fields: groupNames(stage.pattern).map((g) => ({ group: g, name: g })), origin });
        } else {
          const { source } = wildcardRegex(stage.pattern);
          const fields = stage.names.flatMap((n, i) => (n.name === '_' ? [] : [{ group: `w${i}`, name: n.name }]));
          steps.push({ op: 'parse', regex: source, from, fields, origin });
        }
        break;
      }
      case 'dedupe':
        steps.push({ op: 'dedupe', fields: stage.fields.map((f) => [...f.path]), ...(stage.within ? { withinMs: stage.within.ms } : {}), origin });
        break;
      case 'order': {
        // `top` after an aggregation without `order by`: its first aggregate, largest first.
        const agg = steps.find((s) => s.op === 'aggregate');
        const keys =
          stage.keys.length > 0
            ? stage.keys.map((k) => ({ expr: toPExpr(k.expr), desc: k.desc }))
            : agg?.op === 'aggregate'
              ? [{ expr: { kind: 'field' as const, path: [agg.aggs[0]!.as] }, desc: true }]
              : [];
        steps.push({ op: 'order', word: stage.word, n: stage.n, by: stage.by.map((f) => [...f.path]), keys, origin });
        break;
      }
      case 'time':
        time = timeSpec(stage);
        steps.push({ op: 'timestamp', time, origin });
        break;
      case 'window':
        window = stage.window;
        break;
      case 'aggregate': {
        const step: Extract<Step, { op: 'aggregate' }> = {
          op: 'aggregate',
          window: window ? windowSpec(window) : { kind: 'global' },
          wholeInput: window === undefined,
          by: stage.by.map((f) => [...f.path]),
          byNames: stage.by.map((f) => f.path[f.path.length - 1]!),
          aggs: stage.aggs.map(aggSpec),
        };
        // An aggregation's `emit every` comes right after it, or between its window and it; the
        // next aggregation gets a window of its own (or none).
        const emit = stages[i + 1]?.kind === 'emit' ? stages[i + 1] : pendingEmit;
        if (emit?.kind === 'emit') step.emitEveryMs = emit.every.ms;
        pendingEmit = undefined;
        step.origin = origin;
        steps.push(step);
        window = undefined;
        break;
      }
    }
  }
  return { version: 1, input, format, time, steps, output, fieldsRead: fieldsRead(steps) };
}

function timeSpec(stage: Extract<Stage, { kind: 'time' }>): TimeSpec {
  if (stage.mode !== 'event') return { kind: stage.mode };
  return {
    kind: 'event',
    field: [...(stage.field?.path ?? [])],
    ...(stage.format ? { format: stage.format.value } : {}),
    lagMs: stage.lag?.ms ?? 0,
    ...(stage.idle ? { idleMs: stage.idle.ms } : {}),
  };
}

function windowSpec(w: WindowAst): WindowSpec {
  switch (w.kind) {
    case 'tumbling':
      return { kind: 'tumbling', sizeMs: w.size.ms };
    case 'sliding':
      return { kind: 'sliding', sizeMs: w.size.ms, slideMs: w.every.ms };
    case 'session':
      return { kind: 'session', gapMs: w.gap.ms };
    case 'global':
      return { kind: 'global' };
    case 'count':
      return { kind: 'count', size: w.n };
  }
}

function aggSpec(call: AggCall): AggSpec {
  const fn = canonicalAgg(call.fn.name);
  const spec = { fn } as AggSpec;
  if (call.args[0]) spec.arg = toPExpr(call.args[0]);
  const short = Object.hasOwn(SHORT_PERCENTILES, call.fn.name) ? SHORT_PERCENTILES[call.fn.name] : undefined;
  if (short !== undefined) spec.q = short;
  const q = call.args[1];
  if (fn === 'percentile' && q?.kind === 'literal' && typeof q.value === 'number') spec.q = normaliseQ(q.value) ?? q.value;
  spec.as = aggOutputName(call);
  return spec;
}

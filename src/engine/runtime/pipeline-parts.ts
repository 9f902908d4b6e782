import type { Plan, Step, TimeSpec } from '../../dsl/plan-types.js';
import { fuse, isStateless, compileStep, type RecordFn } from '../operators/stateless.js';
import type { AggregateStep } from '../operators/aggregate-operator.js';

/** One link of the per-record chain before the aggregation (or the output). */
export type Link =
  | { kind: 'fn'; fn: RecordFn }
  | { kind: 'timestamp'; time: TimeSpec; field: string[] | null }
  | { kind: 'limit'; n: number };

/**
 * A plan cut into what runs per record before the aggregation (`pre`, consecutive stateless
 * steps fused into one function), the aggregation itself, and the steps on its output (`post`).
 */
export interface PipelineParts {
  pre: Link[];
  aggregate: AggregateStep | null;
  post: Link[];
}

export function splitPipeline(plan: Plan): PipelineParts {
  const aggAt = plan.steps.findIndex((s) => s.op === 'aggregate');
  const before = aggAt < 0 ? plan.steps : plan.steps.slice(0, aggAt);
  const after = aggAt < 0 ? [] : plan.steps.slice(aggAt + 1);
  return {
    pre: link(before),
    aggregate: aggAt < 0 ? null : (plan.steps[aggAt] as AggregateStep),
    post: link(after),
  };
}

function link(steps: Step[]): Link[] {
  const links: Link[] = [];
  let run: RecordFn[] = [];
  const flush = (): void => {
    if (run.length > 0) links.push({ kind: 'fn', fn: fuse(run) });
    run = [];
  };
  for (const s of steps) {
    if (isStateless(s)) {
      run.push(compileStep(s));
      continue;
    }
    flush();
    if (s.op === 'timestamp') links.push({ kind: 'timestamp', time: s.time, field: s.time.kind === 'event' ? s.time.field : null });
    else if (s.op === 'limit') links.push({ kind: 'limit', n: s.n });
  }
  flush();
  return links;
}

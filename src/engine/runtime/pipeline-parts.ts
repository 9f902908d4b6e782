import type { Plan, Step, TimeSpec } from '../../plan/types.js';
import { isStateless, compileStep, type RecordFn } from '../operators/stateless.js';
import type { AggregateStep } from '../operators/aggregate-operator.js';

/**
 * One link of the per-record chain. The chain is a loop over links in one thread, with no
 * queue between them (Flink's operator chaining); each link keeps its plan step for error messages.
 */
export type Link =
  | { kind: 'fn'; fn: RecordFn; step: Step }
  | { kind: 'timestamp'; time: TimeSpec; field: string[] | null; step: Step }
  | { kind: 'limit'; n: number; step: Step };

/**
 * A plan cut into what runs per record before the aggregation (`pre`), the aggregation itself,
 * and the steps on its output (`post`).
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
    pre: before.map(link),
    aggregate: aggAt < 0 ? null : (plan.steps[aggAt] as AggregateStep),
    post: after.map(link),
  };
}

function link(step: Step): Link {
  if (isStateless(step)) return { kind: 'fn', fn: compileStep(step), step };
  if (step.op === 'timestamp') return { kind: 'timestamp', time: step.time, field: step.time.kind === 'event' ? step.time.field : null, step };
  if (step.op === 'limit') return { kind: 'limit', n: step.n, step };
  throw new Error(`step ${step.op} cannot run per record`);
}

import type { Plan, Step } from '../../plan/types.js';
import type { Operator, OperatorContext } from '../operators/operator.js';
import { kindOf } from './registry.js';
import type { Link } from '../operators/step-kind.js';
import type { AggregateStep } from '../operators/aggregate-operator.js';

/**
 * A plan as the engine runs it (Flink's chaining): the steps before the first keyed step, fused
 * into one per-record chain that runs on every worker; the first keyed step, whose records are
 * partitioned by key (pre-aggregated in each worker, merged at the key's owner); and the steps
 * after it, run as operators on the main thread, in result order.
 */
export interface PipelineLayout {
  chain: Step[];
  keyed: { step: AggregateStep; index: number } | null;
  after: { step: Step; index: number }[];
}

export function layoutOf(plan: Plan): PipelineLayout {
  // The chain ends at the first keyed step, or at the first step that cannot run per record.
  const at = plan.steps.findIndex((s) => kindOf(s).keyed !== undefined || kindOf(s).link === undefined);
  if (at < 0) return { chain: plan.steps, keyed: null, after: [] };
  const keyed = kindOf(plan.steps[at]!).keyed !== undefined;
  const from = keyed ? at + 1 : at;
  return {
    chain: plan.steps.slice(0, at),
    keyed: keyed ? { step: plan.steps[at] as AggregateStep, index: at } : null,
    after: plan.steps.slice(from).map((step, i) => ({ step, index: from + i })),
  };
}

/** The chain's steps as links (each step kind says how it runs per record). */
export function chainLinks(steps: Step[]): Link[] {
  return steps.map((step) => {
    const link = kindOf(step).link?.(step);
    if (link === undefined) throw new Error(`step ${step.op} cannot run per record`);
    return link;
  });
}

/** A step after the keyed step as an operator. */
export function operatorOf(step: Step, ctx: OperatorContext): Operator {
  const op = kindOf(step).operator?.(step, ctx);
  if (op === undefined) throw new Error(`step ${step.op} cannot run as an operator`);
  return op;
}

/** Why the plan runs on one thread, or null: a step whose kind says so where it stands. */
export function oneThreadReason(plan: Plan): string | null {
  const layout = layoutOf(plan);
  if (layout.keyed) {
    const why = kindOf(layout.keyed.step).oneThread?.(layout.keyed.step, false);
    if (why) return why;
  }
  for (const step of layout.chain) {
    const why = kindOf(step).oneThread?.(step, true);
    if (why) return why;
  }
  for (const { step } of layout.after) {
    const why = kindOf(step).oneThread?.(step, false);
    if (why) return why;
  }
  return null;
}

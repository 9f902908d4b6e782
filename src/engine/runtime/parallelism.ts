import { availableParallelism } from 'node:os';
import type { Plan } from '../../plan/types.js';

export { MAX_PARALLELISM } from '../../plan/limits.js';

/** Default worker count (SPEC §1): the number of cores, at most 8. */
export function defaultParallelism(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}

/**
 * The parallelism a plan actually runs at. Steps that depend on the order of records across
 * the whole input run on one thread: `window count N` and a `limit` before the aggregation
 * (or in a pipeline without one). The reason is shown by `explain`.
 */
export function effectiveParallelism(plan: Plan, requested: number): { parallelism: number; reason?: string } {
  if (requested <= 1) return { parallelism: 1 };
  const aggAt = plan.steps.findIndex((s) => s.op === 'aggregate');
  const agg = plan.steps[aggAt];
  if (agg?.op === 'aggregate' && agg.window.kind === 'count') return { parallelism: 1, reason: 'count windows depend on input order' };
  const pre = aggAt < 0 ? plan.steps : plan.steps.slice(0, aggAt);
  if (pre.some((s) => s.op === 'limit')) return { parallelism: 1, reason: 'limit keeps the first records in input order' };
  return { parallelism: requested };
}

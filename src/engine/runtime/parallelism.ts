import { availableParallelism } from 'node:os';
import type { Plan } from '../../plan/types.js';
import { oneThreadReason } from '../pipeline/pipeline-layout.js';

export { MAX_PARALLELISM } from '../../plan/limits.js';

/** Default worker count: the number of cores, at most 8. */
export function defaultParallelism(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}

/**
 * The parallelism a plan actually runs at: 1 when a step must see the records of the whole input
 * in order where it stands (`window count N`, a `limit` before the keyed step or in a pipeline
 * without one; each step kind says so). The reason is shown by `explain`.
 */
export function effectiveParallelism(plan: Plan, requested: number): { parallelism: number; reason?: string } {
  if (requested <= 1) return { parallelism: 1 };
  const reason = oneThreadReason(plan);
  return reason === null ? { parallelism: requested } : { parallelism: 1, reason };
}

import { formatByteSize } from '../../common/byte-size.js';
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

/**
 * Below this many bytes of bounded input, the default parallelism is 1: starting worker threads
 * (each loads and warms up the engine) costs more than one thread takes to read it all.
 */
export const SMALL_INPUT_BYTES = 16 * 1024 * 1024;

/**
 * The parallelism a run uses when none was asked for: `byDefault` (the cores), or 1 when the input
 * is bounded and known to be small (`knownBytes`: null when unknown, live or growing).
 */
export function defaultForInput(byDefault: number, knownBytes: number | null): { parallelism: number; reason?: string } {
  if (byDefault <= 1 || knownBytes === null || knownBytes >= SMALL_INPUT_BYTES) return { parallelism: byDefault };
  return {
    parallelism: 1,
    reason: `the input is small (${formatByteSize(knownBytes)}, under ${formatByteSize(SMALL_INPUT_BYTES)}): one thread reads it before workers would start`,
  };
}

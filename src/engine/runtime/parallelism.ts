import { availableParallelism } from 'node:os';

/** Default worker count (SPEC §1): the number of cores, at most 8. */
export function defaultParallelism(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}

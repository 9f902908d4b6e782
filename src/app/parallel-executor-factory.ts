import { ParallelExecutor, type ParallelOptions } from '../engine/runtime/parallel/parallel-executor.js';

/** The parallel executor, with this application's worker entry point. */
export function createParallelExecutor(options: Omit<ParallelOptions, 'workerEntry'>): ParallelExecutor {
  return new ParallelExecutor({ ...options, workerEntry: new URL('./worker-entry.js', import.meta.url) });
}

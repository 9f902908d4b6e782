import type { RunInfo, RunStore } from '../state/run-store.js';

/**
 * How a keyed operator's state goes past memory: where runs are written, the budget in memory,
 * and what happens to runs the state no longer needs.
 */
export interface Spill {
  runs: RunStore;
  /** The state in memory (estimated) is written to a run when it grows past this. */
  budgetBytes: number;
  /**
   * At a checkpoint, state in memory of at least this many entries is written as a run that the
   * checkpoint refers to (incremental); fewer go into the checkpoint itself. Default 10,000.
   */
  checkpointRunEntries?: number;
  /** A run was written. */
  onSpill?(run: RunInfo): void;
  /**
   * Runs the state no longer needs (their windows fired, or they were merged into another):
   * dropped at once without checkpoints, else once a checkpoint that does not refer to them
   * has committed.
   */
  retire(ids: number[]): void;
}

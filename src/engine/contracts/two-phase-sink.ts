import type { Sink } from './sink.js';

/**
 * A sink with Flink's two-phase commit (TwoPhaseCommitSinkFunction), for exactly-once output.
 * The engine calls, in this order:
 *
 * 1. `recover(pending)` once, before the first `write`: with the sink pending of the checkpoint
 *    the job restarts from (`null` for a fresh job). It finishes a commit a crash interrupted
 *    and removes every output written after that checkpoint, so it is written again, once.
 * 2. `write` / `flush` as results come.
 * 3. At a checkpoint barrier: `prepareCommit(id)` → put the result in the checkpoint
 *    (`putSinkPending`) → commit the checkpoint → `commit(pending)`. Output becomes visible only
 *    at `commit`. Committing checkpoint N also covers every earlier one (subsuming), and committing
 *    the same pending twice changes nothing (idempotent), so a crash between the checkpoint commit
 *    and `commit(pending)` is repaired by `recover`.
 * 4. `close()`: output written since the last `prepareCommit` is discarded (a final checkpoint
 *    should be taken first); prepared but uncommitted output stays for `recover`.
 */
export interface TwoPhaseSink<Pending = unknown> extends Sink {
  prepareCommit(checkpointId: number): Promise<Pending>;
  commit(pending: Pending): Promise<void>;
  recover(pending: unknown): Promise<void>;
}

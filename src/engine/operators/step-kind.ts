import type { Step } from '../../plan/types.js';
import type { Operator, OperatorContext } from './operator.js';
import type { RecordFn } from './record-fn.js';

/** One link of the per-record chain: fused steps run in one loop, with no queue between them. */
export type Link =
  | { kind: 'fn'; fn: RecordFn; step: Step }
  | { kind: 'timestamp'; field: string[] | null; step: Step }
  | { kind: 'limit'; n: number; step: Step };

/**
 * What the engine knows of one kind of step, and all it needs to run it: how it runs in the
 * per-record chain (`link`), as an operator after the first keyed step (`operator`), whether it
 * is a keyed step that partitions the records, and how it is shown in the physical plan. A new
 * step kind is one such object and one line in the registry.
 */
export interface StepKind<S extends Step = Step> {
  /**
   * `keyed`: a stateful step partitioned by key; `local-global` means every worker pre-aggregates
   * its records and the key's owner merges them (Flink's local-global aggregation). Absent for
   * steps that run in the chain or, after a keyed step, on the main thread.
   */
  readonly keyed?: 'local-global';
  /** The step fused into the per-record chain (absent: it cannot run per record). */
  link?(step: S): Link;
  /** The step as an operator, after the first keyed step (in result order, on the main thread). */
  operator?(step: S, ctx: OperatorContext): Operator;
  /**
   * Why the job must run on one thread with this step where it is, or null. `inChain`: the step
   * runs per record, before any keyed step (where input order is spread over workers).
   */
  oneThread?(step: S, inChain: boolean): string | null;
  /** The step's name in explain's physical plan. */
  describe(step: S): string;
}

import type { AggregateStep } from '../aggregate-operator.js';
import { AggregateOperator } from '../aggregate-operator.js';
import type { StepKind } from '../step-kind.js';

/**
 * `window ... | AGG, ... by F`: keyed by the `by` values; in parallel, pre-aggregated in every
 * worker and merged by the key's owner. Count windows depend on the order of each key's records
 * across the whole input, so they run on one thread.
 */
export const aggregateKind: StepKind<AggregateStep> = {
  keyed: 'local-global',
  operator: (step, ctx) => new AggregateOperator(step, ctx.out),
  oneThread: (step) => (step.window.kind === 'count' ? 'count windows depend on input order' : null),
  describe: (step) => (step.wholeInput ? 'aggregate over the whole input' : `window ${step.window.kind} + aggregate`),
};

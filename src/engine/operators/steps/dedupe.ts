import { DedupeOperator, type DedupeStep } from '../dedupe-operator.js';
import type { StepKind } from '../step-kind.js';

/** `dedupe ...`: order-dependent (the first record wins), so after the chain, on the main thread, in input order. */
export const dedupeKind: StepKind<DedupeStep> = {
  operator: (step, ctx) => new DedupeOperator(step, ctx.out),
  describe: (step) => `dedupe${step.withinMs !== undefined ? ' within' : ''}`,
};

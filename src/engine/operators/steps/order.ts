import { OrderOperator, type OrderStep } from '../order-operator.js';
import type { StepKind } from '../step-kind.js';

/** `top N ...` / `sort ...`: after the chain (and any aggregation), on the main thread. */
export const orderKind: StepKind<OrderStep> = {
  operator: (step, ctx) => new OrderOperator(step, ctx.out),
  describe: (step) => (step.word === 'top' ? `top ${step.n}` : 'sort'),
};

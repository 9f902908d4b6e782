import type { Step } from '../../../plan/types.js';
import type { RecordFn } from '../record-fn.js';
import type { StepKind } from '../step-kind.js';
import { LiftedOperator } from './lifted.js';

/**
 * The kind of a stateless step given how it compiles to a record function: fused into the chain
 * per record, lifted into an operator after a keyed step.
 */
export function statelessKind<S extends Step>(compile: (step: S) => RecordFn, describe: (step: S) => string): StepKind<S> {
  return {
    link: (step) => ({ kind: 'fn', fn: compile(step), step }),
    operator: (step, ctx) => new LiftedOperator(compile(step), ctx.out),
    describe,
  };
}

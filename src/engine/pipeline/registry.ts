import type { Step } from '../../plan/types.js';
import type { StepKind } from '../operators/step-kind.js';
import { aggregateKind } from '../operators/steps/aggregate.js';
import { dropKind } from '../operators/steps/drop.js';
import { evalKind } from '../operators/steps/eval.js';
import { limitKind } from '../operators/steps/limit.js';
import { orderKind } from '../operators/steps/order.js';
import { dedupeKind } from '../operators/steps/dedupe.js';
import { parseKind } from '../operators/steps/parse.js';
import { selectKind } from '../operators/steps/select.js';
import { timestampKind } from '../operators/steps/timestamp.js';
import { whereKind } from '../operators/steps/where.js';

/** Every step kind of the plan, by its `op`: the one place that maps a step to the code that runs it. */
const KINDS: { [Op in Step['op']]: StepKind<Extract<Step, { op: Op }>> } = {
  where: whereKind,
  eval: evalKind,
  select: selectKind,
  drop: dropKind,
  limit: limitKind,
  timestamp: timestampKind,
  aggregate: aggregateKind,
  order: orderKind,
  dedupe: dedupeKind,
  parse: parseKind,
};

/** The kind of `step`. */
export function kindOf<S extends Step>(step: S): StepKind<S> {
  return KINDS[step.op] as unknown as StepKind<S>;
}

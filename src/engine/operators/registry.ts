import type { Step } from '../../plan/types.js';
import type { StepKind } from './step-kind.js';
import { aggregateKind } from './steps/aggregate.js';
import { dropKind } from './steps/drop.js';
import { evalKind } from './steps/eval.js';
import { limitKind } from './steps/limit.js';
import { selectKind } from './steps/select.js';
import { timestampKind } from './steps/timestamp.js';
import { whereKind } from './steps/where.js';

/** Every step kind of the plan, by its `op`: the one place that maps a step to the code that runs it. */
const KINDS: { [Op in Step['op']]: StepKind<Extract<Step, { op: Op }>> } = {
  where: whereKind,
  eval: evalKind,
  select: selectKind,
  drop: dropKind,
  limit: limitKind,
  timestamp: timestampKind,
  aggregate: aggregateKind,
};

/** The kind of `step`. */
export function kindOf<S extends Step>(step: S): StepKind<S> {
  return KINDS[step.op] as unknown as StepKind<S>;
}

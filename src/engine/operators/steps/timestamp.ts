import type { Step } from '../../../plan/types.js';
import type { StepKind } from '../step-kind.js';

/** `time FIELD ...`: where event time is read from each record (in the chain, before any keyed step). */
export const timestampKind: StepKind<Extract<Step, { op: 'timestamp' }>> = {
  link: (step) => ({ kind: 'timestamp', field: step.time.kind === 'event' ? step.time.field : null, step }),
  describe: (step) => (step.time.kind === 'event' ? 'read event time' : `${step.time.kind} time`),
};

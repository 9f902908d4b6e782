import type { Rec } from '../../../common/record.js';
import type { Step } from '../../../plan/types.js';
import type { ResultChange } from '../../contracts/result.js';
import type { Collector, Operator, OperatorContext } from '../operator.js';
import type { StepKind } from '../step-kind.js';

type LimitStep = Extract<Step, { op: 'limit' }>;

/** `limit N`: the first N records, then no more input is wanted. */
export const limitKind: StepKind<LimitStep> = {
  link: (step) => ({ kind: 'limit', n: step.n, step }),
  operator: (step, ctx) => new LimitOperator(step.n, ctx),
  oneThread: (_step, inChain) => (inChain ? 'limit keeps the first records in input order' : null),
  describe: (step) => `limit ${step.n}`,
};

/** `limit N` as an operator: passes the first N records on, then asks the job to stop. */
export class LimitOperator implements Operator {
  private count = 0;
  private readonly out: Collector;

  constructor(
    private readonly n: number,
    private readonly ctx: OperatorContext,
  ) {
    this.out = ctx.out;
  }

  process(rec: Rec, ts: number, change?: ResultChange): void {
    if (this.count >= this.n) return;
    this.count++;
    this.out.collect(rec, ts, change);
    if (this.count >= this.n) this.ctx.stop();
  }

  onWatermark(): void {}
  onTimer(): void {}
  snapshot(): void {}
  restore(): void {}
  finish(): void {}
}
